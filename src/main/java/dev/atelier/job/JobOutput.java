package dev.atelier.job;

import dev.atelier.pipeline.GenerationResult;

import java.nio.file.Path;
import java.util.Objects;

/**
 * What a finished job produced.
 *
 * @param result    the generation
 * @param imageFile where the image was saved ({@code null} when not saved, e.g. history off)
 * @param historyId the history row ({@code 0} when not recorded)
 */
public record JobOutput(GenerationResult result, Path imageFile, long historyId) {
    public JobOutput {
        Objects.requireNonNull(result, "result");
    }

    public static JobOutput unsaved(GenerationResult result) {
        return new JobOutput(result, null, 0);
    }
}
