package dev.atelier.ui;

import dev.atelier.onnx.Device;

import java.nio.file.Path;
import java.util.Objects;

/**
 * One run as the window asks for it: the assembled prompt and the generation controls.
 *
 * @param negativePrompt null when the field is blank (the pipeline then uses its own unconditional input)
 * @param scheduler      CLI scheduler name, or null for the model's own
 */
public record GenerationJob(Path modelDir, String prompt, String negativePrompt, long seed, int steps,
                            double guidance, String scheduler, int width, int height, Device device) {
    public GenerationJob {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(device, "device");
        if (steps < 1) {
            throw new IllegalArgumentException("steps must be at least 1, got " + steps);
        }
        if (width < 8 || height < 8) {
            throw new IllegalArgumentException("image size must be at least 8x8, got " + width + "x" + height);
        }
        if (!(guidance >= 0)) {
            throw new IllegalArgumentException("guidance must be >= 0, got " + guidance);
        }
    }
}
