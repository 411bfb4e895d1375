package dev.atelier.pipeline;

import dev.atelier.prompt.Emphasis;
import dev.atelier.scheduler.SchedulerKind;
import dev.atelier.scheduler.TimestepSpacing;

import java.util.Objects;

/**
 * What to generate. Model-independent limits are checked here; the model's size multiple is
 * checked by {@link DiffusionPipeline#generate} because it depends on the model.
 *
 * @param prompt          positive prompt (A1111 syntax)
 * @param negativePrompt  negative prompt; {@code null} = absent, {@code ""} = the empty string
 *                        (they differ for SDXL's {@code force_zeros_for_empty_prompt})
 * @param seed            0 .. 2^63-1; seeds {@code torch.Generator("cpu").manual_seed(seed)}
 * @param steps           1 .. 1000 denoising steps
 * @param guidance        classifier-free guidance scale, 0 .. 100 (≤ 1 runs no unconditional pass)
 * @param scheduler       sampler, or {@code null} for the model's own
 * @param timestepSpacing spacing override, or {@code null} for the scheduler config's
 * @param width           pixels, multiple of 8, 8 .. 4096
 * @param height          pixels, multiple of 8, 8 .. 4096
 * @param emphasis        how {@code (word:1.2)} weights are applied; {@code null} = ORIGINAL
 */
public record GenerationRequest(String prompt, String negativePrompt, long seed, int steps, double guidance,
                                SchedulerKind scheduler, TimestepSpacing timestepSpacing, int width, int height,
                                Emphasis emphasis) {
    public static final int MAX_STEPS = 1000;
    public static final int MAX_SIDE = 4096;
    public static final double MAX_GUIDANCE = 100;

    public GenerationRequest {
        Objects.requireNonNull(prompt, "prompt");
        if (seed < 0) {
            throw new IllegalArgumentException("seed must be between 0 and 2^63-1, got " + seed);
        }
        if (steps < 1 || steps > MAX_STEPS) {
            throw new IllegalArgumentException("steps must be between 1 and " + MAX_STEPS + ", got " + steps);
        }
        if (!(guidance >= 0 && guidance <= MAX_GUIDANCE)) {
            throw new IllegalArgumentException("guidance must be between 0 and " + (int) MAX_GUIDANCE + ", got " + guidance);
        }
        checkSide("width", width);
        checkSide("height", height);
        emphasis = emphasis == null ? Emphasis.ORIGINAL : emphasis;
    }

    private static void checkSide(String name, int value) {
        if (value < 8 || value > MAX_SIDE || value % 8 != 0) {
            throw new IllegalArgumentException(name + " must be a multiple of 8 between 8 and " + MAX_SIDE
                    + ", got " + value);
        }
    }

    /** A request with the model-independent defaults: seed 0, 20 steps, guidance 7.5, 512×512, model's scheduler. */
    public static GenerationRequest of(String prompt) {
        return new GenerationRequest(prompt, null, 0, 20, 7.5, null, null, 512, 512, Emphasis.ORIGINAL);
    }

    public GenerationRequest withPrompt(String value) {
        return new GenerationRequest(value, negativePrompt, seed, steps, guidance, scheduler, timestepSpacing, width, height, emphasis);
    }

    public GenerationRequest withNegativePrompt(String value) {
        return new GenerationRequest(prompt, value, seed, steps, guidance, scheduler, timestepSpacing, width, height, emphasis);
    }

    public GenerationRequest withSeed(long value) {
        return new GenerationRequest(prompt, negativePrompt, value, steps, guidance, scheduler, timestepSpacing, width, height, emphasis);
    }

    public GenerationRequest withSteps(int value) {
        return new GenerationRequest(prompt, negativePrompt, seed, value, guidance, scheduler, timestepSpacing, width, height, emphasis);
    }

    public GenerationRequest withGuidance(double value) {
        return new GenerationRequest(prompt, negativePrompt, seed, steps, value, scheduler, timestepSpacing, width, height, emphasis);
    }

    public GenerationRequest withScheduler(SchedulerKind value) {
        return new GenerationRequest(prompt, negativePrompt, seed, steps, guidance, value, timestepSpacing, width, height, emphasis);
    }

    public GenerationRequest withTimestepSpacing(TimestepSpacing value) {
        return new GenerationRequest(prompt, negativePrompt, seed, steps, guidance, scheduler, value, width, height, emphasis);
    }

    public GenerationRequest withSize(int w, int h) {
        return new GenerationRequest(prompt, negativePrompt, seed, steps, guidance, scheduler, timestepSpacing, w, h, emphasis);
    }

    public GenerationRequest withEmphasis(Emphasis value) {
        return new GenerationRequest(prompt, negativePrompt, seed, steps, guidance, scheduler, timestepSpacing, width, height, value);
    }
}
