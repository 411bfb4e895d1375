package dev.atelier.scheduler;

import java.util.List;

/**
 * The training noise schedule shared by all schedulers, in float32 exactly as diffusers builds it
 * with torch: betas, {@code alphas_cumprod} (torch's CPU cumprod accumulates in double) and the
 * k-diffusion sigmas {@code sqrt((1-ᾱ)/ᾱ)}.
 */
final class NoiseSchedule {
    private final float[] betas;
    private final float[] alphasCumprod;

    private NoiseSchedule(float[] betas, float[] alphasCumprod) {
        this.betas = betas;
        this.alphasCumprod = alphasCumprod;
    }

    static NoiseSchedule of(SchedulerConfig c) {
        float[] betas = betas(c);
        if (c.rescaleBetasZeroSnr()) {
            betas = rescaleZeroTerminalSnr(betas);
        }
        return new NoiseSchedule(betas, cumprod(oneMinus(betas)));
    }

    int size() {
        return alphasCumprod.length;
    }

    float beta(int t) {
        return betas[t];
    }

    float alphaCumprod(int t) {
        return alphasCumprod[t];
    }

    float[] alphasCumprod() {
        return alphasCumprod.clone();
    }

    /** Train sigmas {@code sqrt((1-ᾱ)/ᾱ)} in float32, ascending in t. */
    float[] sigmas() {
        float[] s = new float[alphasCumprod.length];
        for (int t = 0; t < s.length; t++) {
            s[t] = sigmaOf(alphasCumprod[t]);
        }
        return s;
    }

    static float sigmaOf(float alphaCumprod) {
        return (float) Math.sqrt((1f - alphaCumprod) / alphaCumprod);
    }

    private static float[] betas(SchedulerConfig c) {
        int n = c.numTrainTimesteps();
        List<Double> trained = c.trainedBetas();
        if (trained != null) {
            float[] b = new float[n];
            for (int i = 0; i < n; i++) {
                b[i] = trained.get(i).floatValue();
            }
            return b;
        }
        return switch (c.betaSchedule()) {
            case LINEAR -> torchLinspace((float) c.betaStart(), (float) c.betaEnd(), n);
            case SCALED_LINEAR -> {
                float[] b = torchLinspace((float) Math.sqrt(c.betaStart()), (float) Math.sqrt(c.betaEnd()), n);
                for (int i = 0; i < n; i++) {
                    b[i] = b[i] * b[i];
                }
                yield b;
            }
            case SQUAREDCOS_CAP_V2 -> cosineBetas(n);
        };
    }

    /** {@code torch.linspace(start, end, n, dtype=float32)} bit for bit (CPU kernel: fma from both ends). */
    static float[] torchLinspace(float start, float end, int n) {
        float[] out = new float[n];
        if (n == 1) {
            out[0] = start;
            return out;
        }
        float step = (end - start) / (n - 1);
        int halfway = n / 2;
        for (int i = 0; i < n; i++) {
            out[i] = i < halfway ? Math.fma(step, (float) i, start) : Math.fma(-step, (float) (n - 1 - i), end);
        }
        return out;
    }

    /** diffusers {@code betas_for_alpha_bar(T, max_beta=0.999)} with the cosine transform, in double then float32. */
    private static float[] cosineBetas(int n) {
        float[] b = new float[n];
        for (int i = 0; i < n; i++) {
            double t1 = (double) i / n;
            double t2 = (double) (i + 1) / n;
            b[i] = (float) Math.min(1 - alphaBar(t2) / alphaBar(t1), 0.999);
        }
        return b;
    }

    private static double alphaBar(double t) {
        double c = Math.cos((t + 0.008) / 1.008 * Math.PI / 2);
        return c * c;
    }

    /** diffusers {@code rescale_zero_terminal_snr} (arXiv 2305.08891, Algorithm 1) in float32. */
    static float[] rescaleZeroTerminalSnr(float[] betas) {
        float[] cumprod = cumprod(oneMinus(betas));
        int n = betas.length;
        float[] sqrtBar = new float[n];
        for (int i = 0; i < n; i++) {
            sqrtBar[i] = (float) Math.sqrt(cumprod[i]);
        }
        float first = sqrtBar[0];
        float last = sqrtBar[n - 1];
        float scale = first / (first - last);
        float[] bar = new float[n];
        for (int i = 0; i < n; i++) {
            float s = (sqrtBar[i] - last) * scale;
            bar[i] = s * s;
        }
        float[] out = new float[n];
        out[0] = 1f - bar[0];
        for (int i = 1; i < n; i++) {
            out[i] = 1f - bar[i] / bar[i - 1];
        }
        return out;
    }

    private static float[] oneMinus(float[] betas) {
        float[] a = new float[betas.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = 1f - betas[i];
        }
        return a;
    }

    /** torch's CPU float32 cumprod: a double accumulator, each prefix cast to float32. */
    private static float[] cumprod(float[] a) {
        float[] out = new float[a.length];
        double acc = 1.0;
        for (int i = 0; i < a.length; i++) {
            acc *= a[i];
            out[i] = (float) acc;
        }
        return out;
    }
}
