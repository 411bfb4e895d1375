package dev.atelier.scheduler;

/**
 * One configured sampler for a fixed number of steps (diffusers scheduler after {@code set_timesteps}).
 * Step {@code i} must be called in order {@code 0..timesteps().length-1}; a call out of that order
 * (for instance a new run starting again at 0, or img2img starting mid-way) starts the multistep
 * history afresh, as a new diffusers scheduler would. Arrays are flattened NCHW float32 of any length.
 * Instances keep per-run state: use one per generation, from one thread.
 */
public interface Scheduler {
    /** The timestep handed to the UNet for each model evaluation (PNDM repeats one; Euler may be fractional). */
    double[] timesteps();

    /** Factor for the initial Gaussian latents ({@code latents = randn * initNoiseSigma()}); 1 for ᾱ-space schedulers. */
    default float initNoiseSigma() {
        return 1f;
    }

    /** The UNet input for step {@code stepIndex}; returns a new array. ᾱ-space schedulers pass the sample unscaled. */
    default float[] scaleModelInput(float[] sample, int stepIndex) {
        return sample.clone();
    }

    /**
     * Advances {@code sample} by one model evaluation.
     *
     * @param noise where ancestral / LCM / DDIM-eta noise comes from; may be {@code null} for a
     *              deterministic scheduler, pass the same {@link TorchGenerator} that drew the latents
     */
    StepResult step(float[] modelOutput, int stepIndex, float[] sample, NoiseSource noise);

    /** Noises a clean sample to the noise level of step {@code stepIndex} (img2img start; diffusers {@code add_noise}). */
    float[] addNoise(float[] original, float[] noise, int stepIndex);

    /** Number of model evaluations. */
    default int size() {
        return timesteps().length;
    }
}
