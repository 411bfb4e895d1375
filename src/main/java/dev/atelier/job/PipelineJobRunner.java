package dev.atelier.job;

import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.DiffusionPipeline;
import dev.atelier.pipeline.GenerationLimits;
import dev.atelier.pipeline.StepListener;
import dev.atelier.session.SessionPool;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * Runs jobs on the real pipeline. One pipeline per (model folder, device), kept for the runner's
 * life, so every job on a model shares its conditioning cache; sessions come from the shared
 * {@link SessionPool}, which decides what stays loaded.
 */
public final class PipelineJobRunner implements JobRunner, AutoCloseable {
    private final SessionPool pool;
    private final Map<SessionPool.Key, DiffusionPipeline> pipelines = new HashMap<>();
    /** The budget each pipeline in {@link #pipelines} was built with. */
    private final Map<SessionPool.Key, Long> budgets = new HashMap<>();

    private final LongSupplier memoryBudget;
    /** One lock object per pipeline being opened, so a job and a prepare of the same model open it once. */
    private final Map<SessionPool.Key, Object> opening = new HashMap<>();
    private boolean closed;

    /** Pipelines refusing requests estimated above the default memory budget. */
    public PipelineJobRunner(SessionPool pool) {
        this(pool, GenerationLimits.defaultMemoryBudget());
    }

    /** Pipelines refusing requests estimated above {@code memoryBudget} bytes. */
    public PipelineJobRunner(SessionPool pool, long memoryBudget) {
        this(pool, () -> memoryBudget);
    }

    /**
     * Pipelines refusing requests estimated above {@code memoryBudget} bytes, read for every job
     * (the window's setting, which the user may change between jobs).
     */
    public PipelineJobRunner(SessionPool pool, LongSupplier memoryBudget) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.memoryBudget = Objects.requireNonNull(memoryBudget, "memoryBudget");
    }

    @Override
    public JobOutput run(Job job, StepListener steps, CancelFlag cancel) {
        return JobOutput.unsaved(pipeline(job).generate(job.request(), steps, cancel));
    }

    /**
     * The pipeline of the job's model and device, opened on first use and again when the memory
     * budget changed (only the window's setting changes, and its queue runs one job at a time, so
     * the replaced pipeline is idle).
     */
    public DiffusionPipeline pipeline(Job job) {
        SessionPool.Key key = new SessionPool.Key(job.modelDir(), job.device());
        long budget = memoryBudget.getAsLong();
        Object lock;
        synchronized (this) {
            DiffusionPipeline p = current(key, budget);
            if (p != null) {
                return p;
            }
            lock = opening.computeIfAbsent(key, k -> new Object());
        }
        // opened outside the runner's lock, so preparing one model never holds up a job on another
        synchronized (lock) {
            synchronized (this) {
                DiffusionPipeline p = current(key, budget);
                if (p != null) {
                    return p;
                }
            }
            DiffusionPipeline p = new DiffusionPipeline(ModelFolder.open(job.modelDir()), job.device(), pool, budget);
            synchronized (this) {
                if (closed) {
                    p.close();
                    throw new IllegalStateException("the pipeline runner is closed");
                }
                pipelines.put(key, p);
                budgets.put(key, budget);
                opening.remove(key);
            }
            return p;
        }
    }

    /** The open pipeline of {@code key} if it was built with {@code budget}; one built with another is closed. */
    private DiffusionPipeline current(SessionPool.Key key, long budget) {
        DiffusionPipeline p = pipelines.get(key);
        if (p != null && budgets.get(key) != budget) {
            pipelines.remove(key).close();
            budgets.remove(key);
            return null;
        }
        return p;
    }

    /** Opens the next model's pipeline (folder, tokenizer) ahead of its first job; a failure is left for the job to report. */
    @Override
    public void prepare(Job next) {
        synchronized (this) {
            if (pipelines.containsKey(new SessionPool.Key(next.modelDir(), next.device()))) {
                return; // open already; a budget change is applied by the job itself, never under a running one
            }
        }
        try {
            pipeline(next);
        } catch (RuntimeException e) {
            // the job itself fails with this message when it runs
        }
    }

    /** Prompt pairs run through the text encoders of {@code modelDir}, all devices. */
    public synchronized long promptsEncoded(Path modelDir) {
        Path root = modelDir.toAbsolutePath().normalize();
        return pipelines.entrySet().stream().filter(e -> e.getKey().root().equals(root))
                .mapToLong(e -> e.getValue().promptsEncoded()).sum();
    }

    public SessionPool pool() {
        return pool;
    }

    /** Closes the pipelines (their tokenizers); the pool belongs to the caller. */
    @Override
    public synchronized void close() {
        closed = true;
        pipelines.values().forEach(DiffusionPipeline::close);
        pipelines.clear();
        budgets.clear();
    }
}
