package dev.atelier.scheduler;

/**
 * Shared part of the single-step variance-preserving ("ᾱ") schedulers DDIM and LCM: the noise
 * schedule, the final ᾱ ({@code set_alpha_to_one}), unscaled model input and {@code add_noise}.
 */
abstract class AlphaSpaceScheduler implements Scheduler {
    protected final SchedulerConfig config;
    protected final NoiseSchedule schedule;
    protected final float finalAlphaCumprod;
    protected final double[] timesteps;

    /** {@code schedule} is passed in so subclasses build it before their timesteps, as diffusers does. */
    AlphaSpaceScheduler(SchedulerConfig config, NoiseSchedule schedule, double[] timesteps) {
        this.config = config;
        this.schedule = schedule;
        this.finalAlphaCumprod = config.setAlphaToOne() ? 1f : schedule.alphaCumprod(0);
        this.timesteps = timesteps;
    }

    @Override
    public double[] timesteps() {
        return timesteps.clone();
    }

    @Override
    public float[] addNoise(float[] original, float[] noise, int stepIndex) {
        Vp.checkIndex(stepIndex, timesteps.length);
        return Vp.addNoise(original, noise, schedule.alphaCumprod((int) timesteps[stepIndex]));
    }

    /** ᾱ at {@code prevT}, or the final ᾱ once past the first training timestep. */
    protected float alphaPrev(int prevT) {
        return prevT >= 0 ? schedule.alphaCumprod(prevT) : finalAlphaCumprod;
    }
}
