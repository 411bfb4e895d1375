package dev.atelier.job;

import dev.atelier.pipeline.StepState;

import java.util.Objects;

/** Something that happened to one job; every event names its job id. */
public sealed interface JobEvent {
    long jobId();

    /** Added to the queue at {@code position} (0 = next to start). */
    record Queued(Job job, int position) implements JobEvent {
        @Override
        public long jobId() {
            return job.id();
        }
    }

    /** Taken by a worker. */
    record Started(Job job) implements JobEvent {
        @Override
        public long jobId() {
            return job.id();
        }
    }

    /** One denoising step done; slow observers may see only the latest ({@link CoalescingJobListener}). */
    record Step(long jobId, StepState state) implements JobEvent {
        public Step {
            Objects.requireNonNull(state, "state");
        }
    }

    /** Done, with what it produced. */
    record Finished(Job job, JobOutput output) implements JobEvent {
        @Override
        public long jobId() {
            return job.id();
        }
    }

    /** Failed; {@code message} is one line for the user, {@code cause} the exception. */
    record Failed(Job job, String message, Throwable cause) implements JobEvent {
        @Override
        public long jobId() {
            return job.id();
        }
    }

    /** Cancelled before it started ({@code wasRunning} false) or while running (stopped within one step). */
    record Cancelled(Job job, boolean wasRunning) implements JobEvent {
        @Override
        public long jobId() {
            return job.id();
        }
    }

    /** Whether this event ends the job. */
    default boolean isFinal() {
        return this instanceof Finished || this instanceof Failed || this instanceof Cancelled;
    }
}
