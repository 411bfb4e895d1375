package dev.atelier.cli;

import dev.atelier.onnx.ModelDefaults;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.GenerationLimits;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.Seeds;
import dev.atelier.scheduler.SchedulerKind;
import dev.atelier.scheduler.TimestepSpacing;
import picocli.CommandLine.Option;

import java.util.SplittableRandom;

/**
 * The sampling options of {@code generate} (a picocli mixin) and the one place that turns them,
 * with a model's defaults for whatever is unset, into a {@link GenerationRequest}.
 */
final class SamplingOptions {
    @Option(names = "--negative", paramLabel = "TEXT", description = "Negative prompt.")
    String negative;
    @Option(names = "--seed", paramLabel = "N", description = "Seed 0..2^63-1; -1 or absent: random (printed).")
    Long seed;
    @Option(names = "--steps", paramLabel = "N", description = "Denoising steps (default: the model's, else 20).")
    Integer steps;
    @Option(names = "--cfg", paramLabel = "X", description = "Guidance scale (default: the model's, else 7.5).")
    Double cfg;
    @Option(names = "--scheduler", paramLabel = "NAME", completionCandidates = Choices.SchedulerNames.class,
            description = "${COMPLETION-CANDIDATES} (default: the model's).")
    String scheduler;
    @Option(names = "--timestep-spacing", paramLabel = "NAME", completionCandidates = Choices.SpacingNames.class,
            description = "${COMPLETION-CANDIDATES} (default: the scheduler config's).")
    String spacing;
    @Option(names = "--width", paramLabel = "W", description = "Width in pixels (default: the model's).")
    Integer width;
    @Option(names = "--height", paramLabel = "H", description = "Height in pixels (default: the model's).")
    Integer height;
    @Option(names = "--emphasis", paramLabel = "MODE", defaultValue = "original", completionCandidates = Choices.EmphasisNames.class,
            description = "${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
    String emphasis;

    /** Options as if none were given, but with a fixed seed and optional step count (for {@code bench}). */
    static SamplingOptions fixed(long seed, Integer steps) {
        SamplingOptions options = new SamplingOptions();
        options.seed = seed;
        options.steps = steps;
        return options;
    }

    /**
     * The request for {@code prompt}; unset options take the model's defaults, an unset seed (or -1)
     * a random one by {@link Seeds}' rule. Values are checked against the model's
     * {@link GenerationLimits} (the window's ranges) first, so the message states the model's rule.
     */
    GenerationRequest request(String prompt, ModelFolder folder) {
        ModelDefaults d = folder.defaults();
        long s;
        try {
            s = Seeds.resolve(seed != null ? seed : Seeds.RANDOM, new SplittableRandom());
        } catch (IllegalArgumentException e) {
            throw new UsageException("--seed: " + e.getMessage());
        }
        SchedulerKind kind = Choices.scheduler(scheduler);
        TimestepSpacing ts = Choices.spacing(spacing);
        int n = steps != null ? steps : d.steps();
        double g = cfg != null ? cfg : d.guidance();
        int w = width != null ? width : d.width();
        int h = height != null ? height : d.height();
        GenerationLimits limits = GenerationLimits.of(folder, kind, ts);
        limits.stepsProblem(n).ifPresent(p -> fail("--steps", p));
        GenerationLimits.guidanceProblem(g).ifPresent(p -> fail("--cfg", p));
        limits.sideProblem("width", w).ifPresent(p -> fail("--width", p));
        limits.sideProblem("height", h).ifPresent(p -> fail("--height", p));
        GenerationLimits.promptProblem("prompt", prompt).ifPresent(p -> fail("--prompt", p));
        GenerationLimits.promptProblem("negative prompt", negative).ifPresent(p -> fail("--negative", p));
        return new GenerationRequest(prompt, negative, s, n, g, kind, ts, w, h,
                emphasis == null ? null : Choices.emphasis(emphasis)); // null = ORIGINAL
    }

    private static void fail(String option, String problem) {
        throw new UsageException(option + ": " + problem);
    }
}
