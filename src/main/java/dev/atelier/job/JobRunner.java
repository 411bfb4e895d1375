package dev.atelier.job;

import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.GenerationCancelledException;
import dev.atelier.pipeline.StepListener;

/**
 * Does one job's work for a {@link JobQueue}: the real one runs the pipeline
 * ({@link PipelineJobRunner}); tests script it. Called on a queue worker thread.
 */
@FunctionalInterface
public interface JobRunner {
    /**
     * Runs {@code job}, reporting every step to {@code steps} and checking {@code cancel} at least once per step.
     *
     * @throws GenerationCancelledException when {@code cancel} was set
     * @throws Exception                    any failure; the queue reports it as the job's failure
     */
    JobOutput run(Job job, StepListener steps, CancelFlag cancel) throws Exception;

    /**
     * Called on a helper thread, while another job runs, with a job that will run soon on a
     * different model: a runner may open what that job needs so its start does not wait for it.
     * Must not fail (a problem shows when the job runs); the default does nothing.
     */
    default void prepare(Job next) {
    }
}
