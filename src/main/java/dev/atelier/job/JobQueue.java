package dev.atelier.job;

import dev.atelier.pipeline.StepState;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Jobs waiting for, and being run by, a fixed set of workers (one by default). The window and
 * the CLI only enqueue and observe; every change is announced as a {@link JobEvent}.
 */
public interface JobQueue extends AutoCloseable {
    /** Adds one job at the end; returns it with its id. */
    Job enqueue(JobSpec spec);

    /** Adds {@code count} jobs from {@code base} with seeds s, s+1, ... ({@link Batches}); one batch id. */
    List<Job> enqueueBatch(JobSpec base, int count);

    /** Cancels a pending job (removed) or the running one (stops within one step); false when unknown or done. */
    boolean cancel(long jobId);

    /** Cancels every pending job; returns how many. */
    int cancelPending();

    /** Cancels the running job(s); returns how many were asked to stop. */
    int cancelRunning();

    /** Moves a pending job one place towards the front; false when not pending or already first. */
    boolean moveUp(long jobId);

    /** Moves a pending job one place towards the back; false when not pending or already last. */
    boolean moveDown(long jobId);

    /** Makes a pending job the next to start; false when not pending. */
    boolean moveToFront(long jobId);

    /** Stops starting new jobs; the running one finishes. */
    void pause();

    void resume();

    boolean isPaused();

    /** The pending jobs, next to start first. */
    List<Job> pending();

    /** The running jobs. */
    List<Job> running();

    /** The state of a job this queue knows, or empty. */
    Optional<JobState> state(long jobId);

    /** Every step's state of a running or recently finished job (the timeline), in order; empty when not kept. */
    List<StepState> steps(long jobId);

    /** Registers {@code listener}; closing the returned handle removes it. */
    AutoCloseable addListener(JobListener listener);

    /** Waits until nothing is pending or running and every job's last event was delivered; false on timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException;

    /** Cancels everything, stops the workers and waits for them. */
    @Override
    void close();
}
