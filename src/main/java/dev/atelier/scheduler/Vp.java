package dev.atelier.scheduler;

/**
 * Shared float32 pieces of the variance-preserving ("ᾱ") schedulers DDIM, PNDM and LCM:
 * x0 from the model output (diffusers {@code step}), clipping, and {@code add_noise}.
 */
final class Vp {
    private Vp() {
    }

    /** x0 from the model output at ᾱ = {@code alphaProd} (torch's float32 arithmetic order). */
    static float[] predictOriginal(PredictionType type, float[] modelOutput, float[] sample, float alphaProd) {
        checkLengths(modelOutput, sample);
        float sqrtAlpha = (float) Math.sqrt(alphaProd);
        float sqrtBeta = (float) Math.sqrt(1f - alphaProd);
        float[] x0 = new float[sample.length];
        for (int i = 0; i < x0.length; i++) {
            x0[i] = switch (type) {
                case EPSILON -> (sample[i] - sqrtBeta * modelOutput[i]) / sqrtAlpha;
                case V_PREDICTION -> sqrtAlpha * sample[i] - sqrtBeta * modelOutput[i];
                case SAMPLE -> modelOutput[i];
            };
        }
        return x0;
    }

    /** ε from the model output at ᾱ = {@code alphaProd}, given x0 from {@link #predictOriginal}. */
    static float[] predictEpsilon(PredictionType type, float[] modelOutput, float[] sample, float[] x0, float alphaProd) {
        float sqrtAlpha = (float) Math.sqrt(alphaProd);
        float sqrtBeta = (float) Math.sqrt(1f - alphaProd);
        return switch (type) {
            case EPSILON -> modelOutput;
            case V_PREDICTION -> {
                float[] e = new float[sample.length];
                for (int i = 0; i < e.length; i++) {
                    e[i] = sqrtAlpha * modelOutput[i] + sqrtBeta * sample[i];
                }
                yield e;
            }
            case SAMPLE -> {
                float[] e = new float[sample.length];
                for (int i = 0; i < e.length; i++) {
                    e[i] = (sample[i] - sqrtAlpha * x0[i]) / sqrtBeta;
                }
                yield e;
            }
        };
    }

    /** {@code clamp(x0, -range, range)} in place when {@code clip_sample} is set. */
    static void clip(float[] x0, SchedulerConfig config) {
        if (!config.clipSample()) {
            return;
        }
        float r = (float) config.clipSampleRange();
        for (int i = 0; i < x0.length; i++) {
            x0[i] = Math.max(-r, Math.min(r, x0[i]));
        }
    }

    /** {@code sqrt(ᾱ)·x0 + sqrt(1-ᾱ)·noise}. */
    static float[] addNoise(float[] original, float[] noise, float alphaProd) {
        checkLengths(original, noise);
        float sqrtAlpha = (float) Math.sqrt(alphaProd);
        float sqrtBeta = (float) Math.sqrt(1f - alphaProd);
        float[] out = new float[original.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sqrtAlpha * original[i] + sqrtBeta * noise[i];
        }
        return out;
    }

    static void checkLengths(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("Model output and sample differ in size: " + a.length + " vs " + b.length);
        }
    }

    static void rejectThresholding(SchedulerConfig config, SchedulerKind kind) {
        if (config.thresholding()) {
            throw new IllegalArgumentException("Scheduler config \"thresholding\" = true (dynamic thresholding for "
                    + "pixel-space models) is not supported by Atelier's " + kind.cliName() + " scheduler.");
        }
    }

    static void checkTimestepRange(double[] timesteps, int trainSteps) {
        for (double t : timesteps) {
            if (t < 0 || t > trainSteps - 1) {
                throw new IllegalArgumentException("Timestep " + (long) t + " falls outside 0.." + (trainSteps - 1)
                        + "; lower steps_offset or the step count.");
            }
        }
    }

    static float[] noise(NoiseSource source, int n, SchedulerKind kind) {
        if (source == null) {
            throw new IllegalArgumentException("The " + kind.cliName() + " scheduler needs a noise generator for this step.");
        }
        float[] z = source.randn(n);
        if (z.length != n) {
            throw new IllegalArgumentException("Noise source gave " + z.length + " values, expected " + n);
        }
        return z;
    }

    static void checkIndex(int stepIndex, int size) {
        if (stepIndex < 0 || stepIndex >= size) {
            throw new IndexOutOfBoundsException("Step index " + stepIndex + " is outside 0.." + (size - 1));
        }
    }
}
