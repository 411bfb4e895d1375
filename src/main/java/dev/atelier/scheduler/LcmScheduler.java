package dev.atelier.scheduler;

/**
 * diffusers {@code LCMScheduler}: timesteps picked from the distillation schedule
 * {@code [k-1, 2k-1, …, T-1]} (k = T // original_inference_steps), consistency boundary
 * scalings, and fresh generator noise between steps (none after the last).
 */
public final class LcmScheduler extends AlphaSpaceScheduler {
    private static final float SIGMA_DATA_SQUARED = 0.25f; // sigma_data = 0.5

    public LcmScheduler(SchedulerConfig config, int steps) {
        super(checked(config, steps), NoiseSchedule.of(config), distilledTimesteps(config, steps));
    }

    private static SchedulerConfig checked(SchedulerConfig config, int steps) {
        Vp.rejectThresholding(config, SchedulerKind.LCM);
        int trainSteps = config.numTrainTimesteps();
        Timesteps.checkSteps(steps, trainSteps);
        int original = config.originalInferenceSteps();
        if (original > trainSteps) {
            throw new IllegalArgumentException("LCM original_inference_steps " + original
                    + " exceeds num_train_timesteps " + trainSteps + ".");
        }
        if (steps > original) {
            throw new IllegalArgumentException("LCM supports at most original_inference_steps = " + original
                    + " steps, got " + steps + ".");
        }
        return config;
    }

    private static double[] distilledTimesteps(SchedulerConfig config, int steps) {
        int original = config.originalInferenceSteps();
        int k = config.numTrainTimesteps() / original;
        // origin timesteps reversed: [original*k-1, ..., k-1]; evenly spaced indices with floor
        double[] idx = Numpy.linspace(0, original, steps, false);
        double[] timesteps = new double[steps];
        for (int i = 0; i < steps; i++) {
            int j = (int) Math.floor(idx[i]);
            timesteps[i] = (double) (original - j) * k - 1;
        }
        return timesteps;
    }

    @Override
    public StepResult step(float[] modelOutput, int stepIndex, float[] sample, NoiseSource noise) {
        Vp.checkIndex(stepIndex, timesteps.length);
        int t = (int) timesteps[stepIndex];
        boolean last = stepIndex == timesteps.length - 1;
        int prevT = last ? t : (int) timesteps[stepIndex + 1];
        float alphaProd = schedule.alphaCumprod(t);
        float alphaProdPrev = alphaPrev(prevT);
        float[] x0 = Vp.predictOriginal(config.predictionType(), modelOutput, sample, alphaProd);
        Vp.clip(x0, config);
        float[] scalings = boundaryScalings(t);
        float cSkip = scalings[0];
        float cOut = scalings[1];
        float[] denoised = new float[sample.length];
        for (int i = 0; i < denoised.length; i++) {
            denoised[i] = cOut * x0[i] + cSkip * sample[i];
        }
        if (last) {
            return new StepResult(denoised.clone(), denoised);
        }
        float[] z = Vp.noise(noise, sample.length, SchedulerKind.LCM);
        float sqrtAlphaPrev = (float) Math.sqrt(alphaProdPrev);
        float sqrtBetaPrev = (float) Math.sqrt(1f - alphaProdPrev);
        float[] prev = new float[sample.length];
        for (int i = 0; i < prev.length; i++) {
            prev[i] = sqrtAlphaPrev * denoised[i] + sqrtBetaPrev * z[i];
        }
        return new StepResult(prev, denoised);
    }

    /** {@code [c_skip, c_out]} at timestep {@code t} (scaled by {@code timestep_scaling}), float32 like torch. */
    float[] boundaryScalings(int t) {
        float scaled = (float) t * (float) config.timestepScaling();
        float cSkip = SIGMA_DATA_SQUARED / (scaled * scaled + SIGMA_DATA_SQUARED);
        float cOut = scaled / (float) Math.sqrt(scaled * scaled + SIGMA_DATA_SQUARED);
        return new float[] {cSkip, cOut};
    }
}
