package dev.atelier.ui.controls;

import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.GenerationLimits;
import dev.atelier.scheduler.SchedulerKind;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The controls a model starts with (from {@code onnx.ModelFolder}: its {@code atelier.json} and
 * geometry) and the ranges it accepts, taken from the core's {@link GenerationLimits} so the window
 * and the command line allow the same values.
 *
 * @param scheduler       CLI name of the scheduler atelier.json asks for, or null for the model's own
 * @param nativeScheduler CLI name of the model's own scheduler (its scheduler_config), or null if unknown
 * @param limits          the limits per scheduler CLI name; "" is the model's own scheduler
 * @param memory          why a size does not fit a memory budget on this model (the core's estimate)
 */
public record ControlDefaults(int steps, double guidance, String scheduler, int width, int height,
                              String nativeScheduler, Map<String, GenerationLimits> limits, MemoryCheck memory) {

    /** The core's memory estimate of one model, asked before a job is enqueued. */
    @FunctionalInterface
    public interface MemoryCheck {
        /** Nothing is known about the model's memory: every size passes (the pipeline checks again). */
        MemoryCheck NONE = (width, height, guidance, budgetBytes) -> Optional.empty();

        /** Why {@code width × height} at {@code guidance} exceeds {@code budgetBytes}, or empty when it fits. */
        Optional<String> problem(int width, int height, double guidance, long budgetBytes);
    }

    public ControlDefaults {
        if (steps < 1 || width < 1 || height < 1) {
            throw new IllegalArgumentException("model defaults must be positive, got steps=" + steps
                    + " size=" + width + "x" + height);
        }
        limits = Map.copyOf(limits);
        if (!limits.containsKey("")) {
            throw new IllegalArgumentException("limits need an entry for the model's own scheduler (\"\")");
        }
        memory = memory == null ? MemoryCheck.NONE : memory;
    }

    /** A preset without a memory estimate. */
    public ControlDefaults(int steps, double guidance, String scheduler, int width, int height,
                       String nativeScheduler, Map<String, GenerationLimits> limits) {
        this(steps, guidance, scheduler, width, height, nativeScheduler, limits, MemoryCheck.NONE);
    }

    /** What the window assumes before a model is read, or when its folder is broken. */
    public static ControlDefaults fallback() {
        return new ControlDefaults(20, 7.5, null, 512, 512, null, Map.of("", GenerationLimits.fallback()));
    }

    /** Reads the defaults and, per scheduler, the limits (cheap: no weights are loaded). */
    public static ControlDefaults of(ModelFolder folder) {
        var d = folder.defaults();
        Map<String, GenerationLimits> limits = new HashMap<>();
        limits.put("", GenerationLimits.of(folder));
        for (SchedulerKind kind : SchedulerKind.values()) {
            try {
                limits.put(kind.cliName(), GenerationLimits.of(folder, kind, null));
            } catch (RuntimeException e) {
                // a scheduler this model's config cannot build: its runs fail with the real message
            }
        }
        GenerationLimits own = limits.get("");
        MemoryCheck memory = (width, height, guidance, budget) -> {
            try {
                return own.memoryProblem(folder, width, height, GenerationLimits.guided(folder, guidance), budget);
            } catch (RuntimeException e) {
                return Optional.empty(); // an odd geometry: the run reports the real problem
            }
        };
        return new ControlDefaults(d.steps(), d.guidance(), cliScheduler(d.scheduler()), d.width(), d.height(),
                cliScheduler(folder.schedulerClass()), limits, memory);
    }

    /** atelier.json may name a scheduler by CLI name or diffusers class; the picker lists CLI names. */
    static String cliScheduler(String name) {
        if (name == null || name.isBlank()) {
            return null;
        }
        try {
            return SchedulerKind.fromCliName(name).cliName();
        } catch (IllegalArgumentException e) {
            return SchedulerKind.fromDiffusersClass(name).map(SchedulerKind::cliName).orElse(null);
        }
    }

    /** Limits with {@code scheduler} (CLI name; null or "" = the model's own). */
    public GenerationLimits limits(String scheduler) {
        return limits.getOrDefault(scheduler == null ? "" : scheduler, limits.get(""));
    }
}
