package dev.atelier.ui;

import dev.atelier.image.PixelImage;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A finished image in the session strip, with everything needed to restore or save it.
 *
 * @param frames the run's steps, so the timeline can be scrubbed again after restoring
 */
public record HistoryEntry(PixelImage image, PromptFields prompt, GenerationJob job, String parameters,
                           List<StepFrame> frames, Instant finishedAt) {
    private static final Pattern SAMPLER = Pattern.compile("Sampler: ([^,\\n]+)");

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
    /** The thumbnail's tooltip: model, size, scheduler, seed, steps, guidance, then the prompt. */
    public String summary() {
        Path dir = job.modelDir().getFileName();
        return (dir == null ? job.modelDir().toString() : dir.toString()) + " · " + job.width() + "×" + job.height()
                + " · " + scheduler() + "\nseed " + job.seed() + " · " + job.steps() + " steps · cfg " + job.guidance()
                + "\n" + job.prompt();
    }

    /** The scheduler that ran: A1111's sampler label from the parameters, else the job's CLI name. */
    String scheduler() {
        Matcher m = SAMPLER.matcher(parameters);
        if (m.find()) {
            return m.group(1).strip();
        }
        return job.scheduler() == null ? "model's scheduler" : job.scheduler();
    }
}
