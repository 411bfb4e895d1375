package dev.atelier.scheduler;

/** Sigma-space helpers shared by Euler and DPM-Solver: Karras schedule and sigma → fractional t. */
final class Sigmas {
    private static final double RHO = 7.0;

    private Sigmas() {
    }

    /** k-diffusion / diffusers {@code _convert_to_karras}: rho = 7 ramp from sigmaMax down to sigmaMin (float64). */
    static double[] karras(double sigmaMin, double sigmaMax, int n) {
        double[] ramp = Numpy.linspace(0, 1, n, true);
        double minInvRho = Math.pow(sigmaMin, 1 / RHO);
        double maxInvRho = Math.pow(sigmaMax, 1 / RHO);
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = Math.pow(maxInvRho + ramp[i] * (minInvRho - maxInvRho), RHO);
        }
        return out;
    }

    /** {@code np.log} of the float32 train sigmas, kept in float32 like numpy. */
    static float[] logSigmas(float[] trainSigmas) {
        float[] out = new float[trainSigmas.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) Math.log(trainSigmas[i]);
        }
        return out;
    }

    /** diffusers {@code _sigma_to_t}: interpolate log σ between the bracketing train log-sigmas. */
    static double sigmaToT(double sigma, float[] logSigmas) {
        double logSigma = Math.log(Math.max(sigma, 1e-10));
        int low = 0;
        for (int i = 0; i < logSigmas.length; i++) {
            if (logSigma - logSigmas[i] >= 0) {
                low = i;
            }
        }
        low = Math.min(low, logSigmas.length - 2);
        int high = low + 1;
        float lowLog = logSigmas[low];
        float denominator = lowLog - logSigmas[high]; // float32 - float32 stays float32 in numpy
        double w = (lowLog - logSigma) / denominator;
        w = Math.min(1, Math.max(0, w));
        return (1 - w) * low + w * high;
    }
}
