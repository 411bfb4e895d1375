package dev.atelier.scheduler;

/**
 * The few numpy float64 routines diffusers' {@code set_timesteps} uses, reproduced operation for
 * operation so that rounding ties ({@code .round()} is half-to-even) land where numpy puts them.
 */
final class Numpy {
    private Numpy() {
    }

    /** {@code np.linspace(start, stop, num, endpoint)}: {@code i*step + start}, last value exact. */
    static double[] linspace(double start, double stop, int num, boolean endpoint) {
        double[] y = new double[num];
        int div = endpoint ? num - 1 : num;
        if (div <= 0) {
            if (num == 1) {
                y[0] = start;
            }
            return y;
        }
        double step = (stop - start) / div;
        for (int i = 0; i < num; i++) {
            y[i] = i * step + start;
        }
        if (endpoint) {
            y[num - 1] = stop;
        }
        return y;
    }

    /** {@code np.arange(start, stop, step)} for floats: length {@code ceil((stop-start)/step)}, values {@code start + i*delta}. */
    static double[] arange(double start, double stop, double step) {
        int len = (int) Math.max(0, Math.ceil((stop - start) / step));
        double[] out = new double[len];
        double delta = (start + step) - start; // numpy fills from its first two values
        for (int i = 0; i < len; i++) {
            out[i] = i == 0 ? start : i == 1 ? start + step : start + i * delta;
        }
        return out;
    }

    /** numpy {@code round}: half to even. */
    static double[] rint(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = Math.rint(v[i]);
        }
        return out;
    }

    static double[] reverse(double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[v.length - 1 - i];
        }
        return out;
    }

    /** {@code np.interp(x, arange(len(fp)), fp)} (float64 arithmetic on the float32 table). */
    static double interp(double x, float[] fp) {
        int last = fp.length - 1;
        if (x <= 0) {
            return fp[0];
        }
        if (x >= last) {
            return fp[last];
        }
        int j = (int) Math.floor(x);
        if (x == j) {
            return fp[j];
        }
        double slope = ((double) fp[j + 1] - fp[j]) / 1.0;
        return slope * (x - j) + fp[j];
    }
}
