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

/**
 * Runs jobs on the real pipeline. One pipeline per (model folder, device), kept for the runner's
 * life, so every job on a model shares its conditioning cache; sessions come from the shared
 * {@link SessionPool}, which decides what stays loaded.
 */
public final class PipelineJobRunner implements JobRunner, AutoCloseable {
    private final SessionPool pool;
    private final Map<SessionPool.Key, DiffusionPipeline> pipelines = new HashMap<>();

    private final long memoryBudget;
    /** One lock object per pipeline being opened, so a job and a prepare of the same model open it once. */
    private final Map<SessionPool.Key, Object> opening = new HashMap<>();
    private boolean closed;

    /** Pipelines refusing requests estimated above the default memory budget. */
    public PipelineJobRunner(SessionPool pool) {
        this(pool, GenerationLimits.defaultMemoryBudget());
    }

    /** Pipelines refusing requests estimated above {@code memoryBudget} bytes. */
    public PipelineJobRunner(SessionPool pool, long memoryBudget) {
        this.pool = Objects.requireNonNull(pool, "pool");
        this.memoryBudget = memoryBudget;
    }

    @Override
    public JobOutput run(Job job, StepListener steps, CancelFlag cancel) {
        return JobOutput.unsaved(pipeline(job).generate(job.request(), steps, cancel));
    }

    /** The pipeline of the job's model and device, opened on first use. */
    public DiffusionPipeline pipeline(Job job) {
        SessionPool.Key key = new SessionPool.Key(job.modelDir(), job.device());
        Object lock;
        synchronized (this) {
            DiffusionPipeline p = pipelines.get(key);
            if (p != null) {
                return p;
            }
            lock = opening.computeIfAbsent(key, k -> new Object());
        }
        // opened outside the runner's lock, so preparing one model never holds up a job on another
        synchronized (lock) {
            synchronized (this) {
                DiffusionPipeline p = pipelines.get(key);
                if (p != null) {
                    return p;
                }
            }
            DiffusionPipeline p = new DiffusionPipeline(ModelFolder.open(job.modelDir()), job.device(), pool, memoryBudget);
            synchronized (this) {
                if (closed) {
                    p.close();
                    throw new IllegalStateException("the pipeline runner is closed");
                }
                pipelines.put(key, p);
                opening.remove(key);
            }
            return p;
        }
    }

    /** Opens the next model's pipeline (folder, tokenizer) ahead of its first job; a failure is left for the job to report. */
    @Override
    public void prepare(Job next) {
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
    }
}
