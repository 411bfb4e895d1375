package dev.atelier.pipeline;

import dev.atelier.image.LatentPreview;
import dev.atelier.onnx.Device;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.onnx.ModelGeometry;
import dev.atelier.onnx.ModelSessions;
import dev.atelier.onnx.SessionCache;
import dev.atelier.onnx.SessionLease;
import dev.atelier.onnx.SessionSource;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Text-to-image for one model folder on one device: encode prompt → prepare latents → denoise
 * with classifier-free guidance → VAE decode, reproducing diffusers for the same model, prompt,
 * seed and scheduler. Sessions come from a {@link SessionSource}: its own {@link SessionCache}, or
 * a shared source (a session pool) that the caller closes; each generation holds a lease on them.
 * The prompt encoder's conditioning cache belongs to the pipeline, so jobs that share one pipeline
 * per model share it. One generation at a time per pipeline.
 */
public final class DiffusionPipeline implements AutoCloseable {
    private final ModelFolder folder;
    private final Device device;
    private final SessionSource source;
    private final AutoCloseable owned;
    private final PromptEncoder prompts;
    private final LatentPreview preview;
    private final long memoryBudget;

    /** A pipeline with its own session cache, closed with the pipeline, and the default memory budget. */
    public DiffusionPipeline(ModelFolder folder, Device device) {
        this(folder, device, new SessionCache(), true, GenerationLimits.defaultMemoryBudget());
    }

    /** A pipeline with its own session cache refusing requests estimated above {@code memoryBudget} bytes. */
    public DiffusionPipeline(ModelFolder folder, Device device, long memoryBudget) {
        this(folder, device, new SessionCache(), true, memoryBudget);
    }

    private DiffusionPipeline(ModelFolder folder, Device device, SessionCache own, boolean owns, long memoryBudget) {
        this(folder, device, own, owns ? own : null, memoryBudget);
    }

    /** A pipeline borrowing {@code shared} sessions; closing the pipeline leaves the source open. */
    public DiffusionPipeline(ModelFolder folder, Device device, SessionSource shared) {
        this(folder, device, shared, GenerationLimits.defaultMemoryBudget());
    }

    /** A pipeline borrowing {@code shared} sessions and refusing requests estimated above {@code memoryBudget} bytes. */
    public DiffusionPipeline(ModelFolder folder, Device device, SessionSource shared, long memoryBudget) {
        this(folder, device, Objects.requireNonNull(shared, "shared"), null, memoryBudget);
    }

    private DiffusionPipeline(ModelFolder folder, Device device, SessionSource source, AutoCloseable owned,
                              long memoryBudget) {
        this.folder = Objects.requireNonNull(folder, "folder");
        this.device = Objects.requireNonNull(device, "device");
        if (memoryBudget < 1) {
            throw new IllegalArgumentException("memory budget must be positive, got " + memoryBudget);
        }
        this.memoryBudget = memoryBudget;
        this.source = source;
        this.owned = owned;
        this.preview = PreviewTables.forModel(folder);
        this.prompts = new PromptEncoder(folder);
    }

    /** The latent→RGB factors this pipeline renders step previews with (the folder's own, else the family's). */
    public LatentPreview latentPreview() {
        return preview;
    }

    public ModelFolder folder() {
        return folder;
    }

    /**
     * Loads the sessions now (otherwise the first {@link #generate} does) and returns them. From a
     * pool they stay open only while they fit its budget; hold {@link #lease()} to keep them.
     */
    public ModelSessions sessions() {
        try (SessionLease lease = source.acquire(folder, device)) {
            return lease.sessions();
        }
    }

    /** The sessions, held open until the lease closes. */
    public SessionLease lease() {
        return source.acquire(folder, device);
    }

    /** How many times a prompt pair was run through the text encoders (cache hits excluded). */
    public long promptsEncoded() {
        return prompts.encodedCount();
    }

    /**
     * Generates one image. {@code listener} (may be {@link StepListener#NONE}) sees every step;
     * {@code cancel} is checked before every stage and step.
     *
     * @throws GenerationCancelledException when {@code cancel} was set
     * @throws IllegalArgumentException     when the request does not fit the model (size multiple, the
     *                                      schedule's step limit, prompt caps, the memory budget)
     */
    public GenerationResult generate(GenerationRequest request, StepListener listener, CancelFlag cancel) {
        Objects.requireNonNull(request, "request");
        listener = listener == null ? StepListener.NONE : listener;
        cancel = cancel == null ? new CancelFlag() : cancel;
        ModelGeometry g = folder.geometry();
        checkSize("width", request.width(), g.sizeMultiple());
        checkSize("height", request.height(), g.sizeMultiple());
        long start = System.nanoTime();
        List<String> warnings = new ArrayList<>();
        SchedulerChoice choice = SchedulerChoice.resolve(folder, request, warnings);
        checkFits(request, choice);
        MemoryPlan plan = MemoryPlan.choose(folder, request.width(), request.height(),
                GenerationLimits.guided(folder, request.guidance()), memoryBudget);
        if (plan.splitCfg()) {
            warnings.add("running the two guidance halves as separate U-Net calls to stay within the memory budget");
        }
        if (plan.decodeTile() > 0) {
            warnings.add("decoding in tiles of " + plan.decodeTile() * g.vaeScaleFactor()
                    + " px to stay within the memory budget");
        }
        GenerationRequest effective = request.withScheduler(choice.kind())
                .withTimestepSpacing(choice.config().timestepSpacing());

        try (SessionLease lease = source.acquire(folder, device)) {
            return generate(request, effective, choice, lease.sessions(), listener, cancel, start, warnings, plan);
        }
    }

    private GenerationResult generate(GenerationRequest request, GenerationRequest effective, SchedulerChoice choice,
                                      ModelSessions sessions, StepListener listener, CancelFlag cancel, long start,
                                      List<String> warnings, MemoryPlan plan) {
        long loadNanos = System.nanoTime() - start;
        sessions.provider().warningText().ifPresent(warnings::add);
        long ort0 = sessions.runNanos();
        GenerationRun run = new GenerationRun(folder, sessions, prompts, preview, request, choice, listener, cancel,
                plan);
        Map<Stage, Long> stages = new EnumMap<>(Stage.class);
        Map<Stage, Long> stagesOrt = new EnumMap<>(Stage.class);
        for (Stage stage : Stage.values()) {
            long t0 = System.nanoTime();
            long o0 = sessions.runNanos();
            run.run(stage);
            stages.put(stage, System.nanoTime() - t0);
            stagesOrt.put(stage, sessions.runNanos() - o0);
        }
        Timings timings = new Timings(System.nanoTime() - start, stages, stagesOrt, sessions.runNanos() - ort0,
                run.stepNanos(),
                run.stepOrtNanos(), loadNanos, run.previewNanos());
        return new GenerationResult(run.image(), effective, folder.name(), folder.family(), sessions.provider(), timings,
                warnings);
    }

    /** Refuses up front what would fail (or exhaust memory) half way, each with one line. */
    private void checkFits(GenerationRequest request, SchedulerChoice choice) {
        int maxSteps = GenerationLimits.maxSteps(choice.kind(), choice.config());
        GenerationLimits limits = new GenerationLimits(folder.geometry().sizeMultiple(),
                Math.max(GenerationRequest.MAX_SIDE, folder.geometry().sizeMultiple()), folder.geometry().sizeMultiple(),
                maxSteps);
        List<String> problems = new ArrayList<>();
        limits.stepsProblem(request.steps()).ifPresent(problems::add);
        GenerationLimits.promptProblem("prompt", request.prompt()).ifPresent(problems::add);
        GenerationLimits.promptProblem("negative prompt", request.negativePrompt()).ifPresent(problems::add);
        if (problems.isEmpty()) {
            limits.memoryProblem(folder, request.width(), request.height(),
                    GenerationLimits.guided(folder, request.guidance()), memoryBudget).ifPresent(problems::add);
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    private static void checkSize(String name, int value, int multiple) {
        if (value % multiple != 0) {
            throw new IllegalArgumentException(name + " must be a multiple of " + multiple
                    + " for this model, got " + value);
        }
    }

    @Override
    public void close() {
        try {
            prompts.close();
        } finally {
            if (owned != null) {
                closeOwned();
            }
        }
    }

    private void closeOwned() {
        try {
            owned.close();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException("closing sessions failed: " + e.getMessage(), e);
        }
    }
}
