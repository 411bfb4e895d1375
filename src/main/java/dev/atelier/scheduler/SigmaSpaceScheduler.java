package dev.atelier.scheduler;

/**
 * Shared part of the Euler-family schedulers (sigma space, diffusers {@code *DiscreteScheduler}):
 * the sigma/timestep setup, input scaling and {@code add_noise}; subclasses supply only {@code step}.
 */
abstract class SigmaSpaceScheduler implements Scheduler {
    protected final PredictionType predictionType;
    protected final SigmaSchedule schedule;

    /** @param eulerOptions whether the class reads the Karras / final-sigma / timestep_type keys */
    SigmaSpaceScheduler(SchedulerConfig config, int steps, boolean eulerOptions) {
        this.predictionType = config.predictionType();
        this.schedule = SigmaSchedule.build(config, NoiseSchedule.of(config), steps, eulerOptions);
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
    public float[] addNoise(float[] original, float[] noise, int stepIndex) {
        return schedule.addNoise(original, noise, stepIndex);
    }
}
