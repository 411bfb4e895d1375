package dev.atelier.cli;

import dev.atelier.onnx.ModelDefaults;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.GenerationRequest;
import picocli.CommandLine.Option;

import java.util.SplittableRandom;

/**
 * The sampling options of {@code generate} (a picocli mixin) and the one place that turns them,
 * with a model's defaults for whatever is unset, into a {@link GenerationRequest}.
 */
final class SamplingOptions {
    @Option(names = "--negative", paramLabel = "TEXT", description = "Negative prompt.")
    String negative;
    @Option(names = "--seed", paramLabel = "N", description = "Seed 0..2^63-1 (default: random, printed).")
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

    /** The request for {@code prompt}; unset options take the model's defaults, an unset seed a random one. */
    GenerationRequest request(String prompt, ModelFolder folder) {
        ModelDefaults d = folder.defaults();
        long s = seed != null ? seed : new SplittableRandom().nextLong(0, Long.MAX_VALUE);
        return new GenerationRequest(prompt, negative, s, steps != null ? steps : d.steps(),
                cfg != null ? cfg : d.guidance(), Choices.scheduler(scheduler), Choices.spacing(spacing),
                width != null ? width : d.width(), height != null ? height : d.height(),
                emphasis == null ? null : Choices.emphasis(emphasis)); // null = ORIGINAL
    }
}
