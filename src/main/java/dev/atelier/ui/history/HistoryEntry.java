package dev.atelier.ui.history;

import dev.atelier.image.PixelImage;
import dev.atelier.job.Job;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.StepState;
import dev.atelier.ui.composer.PromptFields;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A finished image of this session, with everything needed to restore or save it.
 *
 * @param job       the queue's job (the request as asked)
 * @param settings  the request as run (scheduler and spacing resolved)
 * @param steps     the run's steps, so the timeline can be scrubbed again after restoring
 * @param historyId its row in history.db, 0 when not recorded
 */
public record HistoryEntry(PixelImage image, PromptFields prompt, Job job, GenerationRequest settings,
                           String parameters, List<StepState> steps, Instant finishedAt, long historyId) {
    public HistoryEntry {
        Objects.requireNonNull(image, "image");
        Objects.requireNonNull(prompt, "prompt");
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(parameters, "parameters");
        steps = List.copyOf(steps);
        Objects.requireNonNull(finishedAt, "finishedAt");
    }

    /** The same entry without its steps (they are the bulk of its memory). */
    public HistoryEntry withoutSteps() {
        return new HistoryEntry(image, prompt, job, settings, parameters, List.of(), finishedAt, historyId);
    }

    /** Model, size, scheduler, seed, steps, guidance, then the prompt. */
    public String summary() {
        Path dir = job.modelDir().getFileName();
        return (dir == null ? job.modelDir().toString() : dir.toString()) + " · " + settings.width() + "×"
                + settings.height() + " · " + settings.scheduler().cliName() + "\nseed " + settings.seed() + " · "
                + settings.steps() + " steps · cfg " + settings.guidance() + "\n" + settings.prompt();
    }
}
