package dev.atelier.cli;

import dev.atelier.data.DataFolder;
import dev.atelier.history.HistoryRecorder;
import dev.atelier.history.HistoryStore;
import dev.atelier.job.JobEvent;
import dev.atelier.job.JobOutput;
import dev.atelier.job.JobQueueOptions;
import dev.atelier.job.JobRunner;
import dev.atelier.job.JobSpec;
import dev.atelier.job.PipelineJobRunner;
import dev.atelier.job.WorkerJobQueue;
import dev.atelier.pipeline.GenerationCancelledException;
import dev.atelier.pipeline.StepListener;
import dev.atelier.pipeline.StepState;
import dev.atelier.session.SessionPool;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A CLI generation through the job queue: one job or a batch, steps forwarded to the progress
 * listener, each finished job recorded in the history (unless switched off). The first failure
 * cancels the rest and is rethrown for {@link Failures} to report.
 */
final class QueueRun {
    private final DataFolder data;
    private final boolean history;
    private final PrintWriter err;
    private final long memoryBudget;
    private volatile WorkerJobQueue current;
    private volatile boolean cancelled;

    QueueRun(DataFolder data, boolean history, PrintWriter err, long memoryBudget) {
        this.data = data;
        this.history = history;
        this.err = err;
        this.memoryBudget = memoryBudget;
    }

    /** Cancels every job of the run (from a signal hook): the running one stops at its next step. */
    void cancelAll() {
        cancelled = true;
        WorkerJobQueue queue = current;
        if (queue != null) {
            queue.cancelPending();
            queue.cancelRunning();
        }
    }

    /** Runs {@code count} jobs from {@code spec} (seeds s, s+1, ...) and returns their outputs in seed order. */
    List<JobOutput> run(JobSpec spec, int count, StepListener steps) throws Exception {
        try (SessionPool pool = new SessionPool(); PipelineJobRunner pipelines = new PipelineJobRunner(pool, memoryBudget);
             HistoryStore store = history ? HistoryStore.open(data, n -> err.println("note: " + n)) : null) {
            JobRunner runner = store == null ? pipelines : new HistoryRecorder(pipelines, store, data);
            Map<Long, JobOutput> outputs = new TreeMap<>();
            List<Throwable> failures = new ArrayList<>();
            Map<Long, StepState> lastStep = new java.util.concurrent.ConcurrentHashMap<>();
            try (WorkerJobQueue queue = new WorkerJobQueue(runner, JobQueueOptions.DEFAULT.withPreviews(steps.wantsPreview()))) {
                queue.addListener(event -> {
                    switch (event) {
                        case JobEvent.Step s -> {
                            lastStep.put(s.jobId(), s.state());
                            steps.onStep(s.state());
                        }
                        case JobEvent.Finished f -> outputs.put(f.jobId(), f.output());
                        case JobEvent.Failed f -> {
                            failures.add(f.cause());
                            queue.cancelPending();
                        }
                        case JobEvent.Cancelled c when c.wasRunning() ->
                                failures.add(new GenerationCancelledException(lastStep.get(c.jobId())));
                        default -> { }
                    }
                });
                current = queue;
                if (cancelled) { // a signal came before the queue existed
                    throw new GenerationCancelledException(null);
                }
                queue.enqueueBatch(spec, count);
                queue.awaitIdle(Duration.ofDays(365));
            } finally {
                current = null;
            }
            if (!failures.isEmpty()) {
                Throwable first = failures.getFirst();
                if (first instanceof Exception e) {
                    throw e;
                }
                throw (Error) first;
            }
            return new ArrayList<>(outputs.values());
        }
    }
}
