package dev.atelier.scheduler;

/** diffusers {@code EulerDiscreteScheduler} (s_churn = 0, so deterministic), with optional Karras sigmas. */
public final class EulerScheduler implements Scheduler {
    private final PredictionType predictionType;
    private final SigmaSchedule schedule;

    public EulerScheduler(SchedulerConfig config, int steps) {
        this.predictionType = config.predictionType();
        this.schedule = SigmaSchedule.build(config, NoiseSchedule.of(config), steps, true);
    }

    @Override
    public double[] timesteps() {
        return schedule.timesteps().clone();
    }

    /** The n+1 sigmas stepped through (last is the final sigma). */
    public float[] sigmas() {
        return schedule.sigmas().clone();
    }

    @Override
    public float initNoiseSigma() {
        return schedule.initNoiseSigma();
    }

    @Override
    public float[] scaleModelInput(float[] sample, int stepIndex) {
        return schedule.scale(sample, stepIndex);
    }

    @Override
    public StepResult step(float[] modelOutput, int stepIndex, float[] sample, NoiseSource noise) {
        Vp.checkIndex(stepIndex, schedule.timesteps().length);
        float sigma = schedule.sigma(stepIndex);
        float sigmaHat = sigma; // gamma = 0 without s_churn
        float[] x0 = SigmaSchedule.predictOriginal(predictionType, modelOutput, sample, sigma, sigmaHat);
        float dt = schedule.sigma(stepIndex + 1) - sigmaHat;
        float[] prev = new float[sample.length];
        for (int i = 0; i < prev.length; i++) {
            float derivative = (sample[i] - x0[i]) / sigmaHat;
            prev[i] = sample[i] + derivative * dt;
        }
        return new StepResult(prev, x0);
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int stepIndex) {
        return schedule.addNoise(original, noise, stepIndex);
    }
}
