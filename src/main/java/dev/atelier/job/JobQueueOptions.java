package dev.atelier.job;

/**
 * How a {@link WorkerJobQueue} runs.
 *
 * @param workers       jobs run at once (1 = one after another, the default: one GPU, one model at a time)
 * @param keptTimelines finished jobs whose step states stay in memory for the timeline
 * @param previews      whether step states carry a rendered preview (a text-only observer says no and saves the render)
 */
public record JobQueueOptions(int workers, int keptTimelines, boolean previews) {
    public static final JobQueueOptions DEFAULT = new JobQueueOptions(1, 8, true);

    public JobQueueOptions {
        if (workers < 1 || workers > 64) {
            throw new IllegalArgumentException("workers must be between 1 and 64, got " + workers);
        }
        if (keptTimelines < 0) {
            throw new IllegalArgumentException("kept timelines must be 0 or more, got " + keptTimelines);
        }
    }

    public JobQueueOptions withWorkers(int value) {
        return new JobQueueOptions(value, keptTimelines, previews);
    }

    public JobQueueOptions withPreviews(boolean value) {
        return new JobQueueOptions(workers, keptTimelines, value);
    }
}
