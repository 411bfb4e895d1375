package dev.atelier.ui;

import dev.atelier.image.PixelImage;

import java.util.Objects;

/**
 * One denoising step as the window shows it.
 *
 * @param index          0-based step index
 * @param total          number of steps in the run
 * @param timestep       the scheduler's timestep for this step
 * @param preview        the current latents rendered to RGB
 * @param predictedClean the model's prediction of the final image (x0) at this step, or null
 * @param stepNanos      how long the step took
 */
public record StepFrame(int index, int total, double timestep, PixelImage preview, PixelImage predictedClean,
                        long stepNanos) {
    public StepFrame {
        Objects.requireNonNull(preview, "preview");
        if (index < 0 || index >= total) {
            throw new IllegalArgumentException("step index " + index + " outside 0.." + (total - 1));
        }
    }

    /** "step 3/20", counting from one as people do. */
    public String label() {
        return "step " + (index + 1) + "/" + total;
    }
}
