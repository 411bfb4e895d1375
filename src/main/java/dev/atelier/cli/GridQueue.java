package dev.atelier.cli;

import dev.atelier.data.DataFolder;
import dev.atelier.history.HistoryRecorder;
import dev.atelier.history.HistoryStore;
import dev.atelier.job.JobQueueOptions;
import dev.atelier.job.JobRunner;
import dev.atelier.job.PipelineJobRunner;
import dev.atelier.job.WorkerJobQueue;
import dev.atelier.session.SessionPool;

import java.io.PrintWriter;

/**
 * The job queue a CLI grid or ablation runs on: one session pool and one pipeline per model for
 * the whole run (so sessions load once per model and prompts are encoded once per model), each
 * finished job recorded in the history unless switched off. Closes everything in reverse order.
 */
final class GridQueue implements AutoCloseable {
    private final SessionPool pool;
    private final PipelineJobRunner pipelines;
    private final HistoryStore store;
    private final WorkerJobQueue queue;

    private GridQueue(SessionPool pool, PipelineJobRunner pipelines, HistoryStore store, WorkerJobQueue queue) {
        this.pool = pool;
        this.pipelines = pipelines;
        this.store = store;
        this.queue = queue;
    }

    static GridQueue open(DataFolder data, boolean history, PrintWriter err, long memoryBudget) {
        SessionPool pool = new SessionPool();
        PipelineJobRunner pipelines = new PipelineJobRunner(pool, memoryBudget);
        HistoryStore store = null;
        try {
            store = history ? HistoryStore.open(data, n -> err.println("note: " + n)) : null;
            JobRunner runner = store == null ? pipelines : new HistoryRecorder(pipelines, store, data);
            return new GridQueue(pool, pipelines, store, new WorkerJobQueue(runner, JobQueueOptions.DEFAULT.withPreviews(false)));
        } catch (RuntimeException e) {
            if (store != null) {
                store.close();
            }
            pipelines.close();
            pool.close();
            throw e;
        }
    }

    WorkerJobQueue queue() {
        return queue;
    }

    /** The history the cells are recorded in, or null with --no-history. */
    HistoryStore store() {
        return store;
    }

    @Override
    public void close() {
        try {
            queue.close();
        } finally {
            try {
                if (store != null) {
                    store.close();
                }
            } finally {
                pipelines.close();
                pool.close();
            }
        }
    }
}
