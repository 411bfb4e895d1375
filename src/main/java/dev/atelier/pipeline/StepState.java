package dev.atelier.pipeline;

import dev.atelier.image.PixelImage;

/**
 * One denoising step, as the listener sees it. The arrays are the pipeline's own and are never
 * modified after the state is handed out; treat them as read-only.
 *
 * @param index       0-based step index
 * @param total       number of steps (U-Net evaluations; PNDM repeats one timestep)
 * @param timestep    the step's timestep (fractional for Euler-type schedules)
 * @param latents     latents after the step, {@code [1, channels, height, width]}, diffusion space
 * @param predictedX0 the scheduler's predicted clean latents at this step (same layout)
 * @param channels    latent channels
 * @param height      latent height
 * @param width       latent width
 * @param preview     cheap latent→RGB preview of {@code predictedX0}, latent resolution; {@code null} if none
 * @param stepNanos   wall time of the step (U-Net, scheduler, preview)
 */
public record StepState(int index, int total, double timestep, float[] latents, float[] predictedX0,
                        int channels, int height, int width, PixelImage preview, long stepNanos) {
    public StepState {
        if (index < 0 || index >= total) {
            throw new IllegalArgumentException("step index " + index + " outside 0.." + (total - 1));
        }
        int n = channels * height * width;
        if (latents == null || latents.length != n || predictedX0 == null || predictedX0.length != n) {
            throw new IllegalArgumentException("latents and predictedX0 must hold " + n + " values");
        }
    }

    /** Steps completed after this one, as a fraction 0..1. */
    public double progress() {
        return (index + 1) / (double) total;
    }
}
