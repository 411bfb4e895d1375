package dev.atelier.scheduler;

/** diffusers {@code EulerDiscreteScheduler} (s_churn = 0, so deterministic), with optional Karras sigmas. */
public final class EulerScheduler extends SigmaSpaceScheduler {

    public EulerScheduler(SchedulerConfig config, int steps) {
        super(config, steps, true);
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
}
