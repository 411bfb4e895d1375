package dev.atelier.ui;

import dev.atelier.image.PixelImage;

import java.util.Objects;

/**
 * A finished run.
 *
 * @param parameters A1111-style parameters text stored in the PNG
 * @param deviceNote what ran where, e.g. "CUDA unavailable, ran on CPU"; empty when as asked
 */
public record GenerationOutcome(PixelImage image, String parameters, GenerationJob job, String deviceNote) {
    public GenerationOutcome {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(parameters, "parameters");
        Objects.requireNonNull(job, "job");
        deviceNote = Objects.requireNonNullElse(deviceNote, "");
    }
}
