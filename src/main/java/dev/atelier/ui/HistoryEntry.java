package dev.atelier.ui;

import dev.atelier.image.PixelImage;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A finished image in the session strip, with everything needed to restore or save it.
 *
 * @param frames the run's steps, so the timeline can be scrubbed again after restoring
 */
public record HistoryEntry(PixelImage image, PromptFields prompt, GenerationJob job, String parameters,
                           List<StepFrame> frames, Instant finishedAt) {
    public HistoryEntry {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(parameters, "parameters");
        frames = List.copyOf(frames);
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** The same entry without its step previews (they are the bulk of its memory). */
    public HistoryEntry withoutFrames() {
        return new HistoryEntry(image, prompt, job, parameters, List.of(), finishedAt);
    }

    /** Short caption for the strip's tooltip. */
    public String summary() {
        return "seed " + job.seed() + " · " + job.steps() + " steps · cfg " + job.guidance() + "\n" + job.prompt();
    }
}
