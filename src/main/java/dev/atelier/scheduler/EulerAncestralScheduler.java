package dev.atelier.scheduler;

/** diffusers {@code EulerAncestralDiscreteScheduler}: draws noise every step, the last included. */
public final class EulerAncestralScheduler extends SigmaSpaceScheduler {

    public EulerAncestralScheduler(SchedulerConfig config, int steps) {
        // the class has no Karras / final-sigma / timestep_type keys
        super(rejectSamplePrediction(config), steps, false);
    }

    private static SchedulerConfig rejectSamplePrediction(SchedulerConfig config) {
        if (config.predictionType() == PredictionType.SAMPLE) {
            throw new IllegalArgumentException("Euler Ancestral does not support prediction_type \"sample\" "
                    + "(diffusers neither); use epsilon or v_prediction.");
        }
        return config;
    }

    @Override
    public StepResult step(float[] modelOutput, int stepIndex, float[] sample, NoiseSource noise) {
        Vp.checkIndex(stepIndex, schedule.timesteps().length);
        float sigmaFrom = schedule.sigma(stepIndex);
        float sigmaTo = schedule.sigma(stepIndex + 1);
        float[] x0 = SigmaSchedule.predictOriginal(predictionType, modelOutput, sample, sigmaFrom, sigmaFrom);
        float sigmaUp = (float) Math.sqrt(sigmaTo * sigmaTo * (sigmaFrom * sigmaFrom - sigmaTo * sigmaTo)
                / (sigmaFrom * sigmaFrom));
        float sigmaDown = (float) Math.sqrt(sigmaTo * sigmaTo - sigmaUp * sigmaUp);
        float dt = sigmaDown - sigmaFrom;
        float[] z = Vp.noise(noise, sample.length, SchedulerKind.EULER_ANCESTRAL);
        float[] prev = new float[sample.length];
        for (int i = 0; i < prev.length; i++) {
            float derivative = (sample[i] - x0[i]) / sigmaFrom;
            prev[i] = sample[i] + derivative * dt;
            prev[i] = prev[i] + z[i] * sigmaUp;
        }
        return new StepResult(prev, x0);
    }
}
