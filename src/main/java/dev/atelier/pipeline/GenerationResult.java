package dev.atelier.pipeline;

import dev.atelier.image.PixelImage;
import dev.atelier.onnx.ModelFamily;
import dev.atelier.onnx.ProviderChoice;

import java.util.List;
import java.util.Objects;

/**
 * A finished generation.
 *
 * @param image     the decoded image
 * @param settings  the effective request: scheduler and timestep spacing resolved (never null)
 * @param modelName the model folder's name
 * @param family    the model's family
 * @param provider  which execution provider ran (and why, if it was not the requested one)
 * @param timings   total, per stage, ORT vs everything else, per step
 * @param warnings  things the user should know (e.g. an unported scheduler replaced)
 */
public record GenerationResult(PixelImage image, GenerationRequest settings, String modelName, ModelFamily family,
                               ProviderChoice provider, Timings timings, List<String> warnings) {
    public GenerationResult {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(settings.scheduler(), "settings.scheduler");
        Objects.requireNonNull(settings.timestepSpacing(), "settings.timestepSpacing");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(timings, "timings");
        warnings = List.copyOf(warnings);
    }
}
