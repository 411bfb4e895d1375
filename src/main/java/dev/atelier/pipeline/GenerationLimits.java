package dev.atelier.pipeline;

import dev.atelier.onnx.ModelFolder;
import dev.atelier.scheduler.SchedulerConfig;
import dev.atelier.scheduler.SchedulerKind;
import dev.atelier.scheduler.Schedulers;
import dev.atelier.scheduler.TimestepSpacing;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The ranges a model accepts, from one place, so the window and the command line allow the same
 * values. Sizes come from the model's native size and size multiple; the step limit from its
 * scheduler config (diffusers refuses more steps than the schedule has, and "leading" spacing with
 * a {@code steps_offset} runs out one step earlier).
 *
 * @param minSide      smallest width/height: a quarter of the native size, at least one multiple
 * @param maxSide      largest width/height: twice the native size (models degrade quickly beyond
 *                     it), at most {@link GenerationRequest#MAX_SIDE}
 * @param sizeMultiple every side is a multiple of this
 * @param maxSteps     the most steps the scheduler's schedule allows
 */
public record GenerationLimits(int minSide, int maxSide, int sizeMultiple, int maxSteps) {
    public static final int MIN_STEPS = 1;
    public static final double MIN_GUIDANCE = 0;
    public static final double MAX_GUIDANCE = GenerationRequest.MAX_GUIDANCE;
    /**
     * Longest prompt (and negative prompt) in characters. A1111 has no hard cap, but every
     * 75-token chunk costs a text-encoder pass and widens the U-Net's cross-attention; 20 000
     * characters is far beyond any real prompt and bounds parsing and tokenizing to milliseconds.
     */
    public static final int MAX_PROMPT_CHARS = 20_000;
    /**
     * Most 75-token chunks (BREAK starts one) per prompt: 32 chunks = 2 400 tokens, 2 464 encoder
     * positions. The conditioning then stays under a few MiB even for SDXL's 2048-wide states,
     * while a prompt of BREAKs alone can no longer ask for thousands of encoder passes.
     */
    public static final int MAX_CHUNKS = 32;
    /** Default memory budget: this share of the machine's physical memory. */
    public static final double MEMORY_SHARE = 0.75;

    public GenerationLimits {
        if (sizeMultiple < 1 || minSide < sizeMultiple || maxSide < minSide || maxSteps < MIN_STEPS) {
            throw new IllegalArgumentException("invalid limits: sides " + minSide + ".." + maxSide + " multiple "
                    + sizeMultiple + ", steps up to " + maxSteps);
        }
    }

    /** Limits of {@code folder} with the given scheduler (null = the model's own) and spacing override (null = config's). */
    public static GenerationLimits of(ModelFolder folder, SchedulerKind scheduler, TimestepSpacing spacing) {
        int multiple = folder.geometry().sizeMultiple();
        int nativeMin = Math.min(folder.defaults().width(), folder.defaults().height());
        int nativeMax = Math.max(folder.defaults().width(), folder.defaults().height());
        int min = roundDown(nativeMin / 4, multiple);
        int max = Math.max(min, roundDown(Math.min(GenerationRequest.MAX_SIDE, nativeMax * 2), multiple));
        GenerationRequest probe = GenerationRequest.of("").withScheduler(scheduler).withTimestepSpacing(spacing);
        SchedulerChoice choice = SchedulerChoice.resolve(folder, probe, new ArrayList<>());
        return new GenerationLimits(min, max, multiple, maxSteps(choice.kind(), choice.config()));
    }

    /** Limits of {@code folder} with its own scheduler. */
    public static GenerationLimits of(ModelFolder folder) {
        return of(folder, null, null);
    }

    /** Limits used before a model is read: a 512-pixel SD 1.x model with 1000 training steps. */
    public static GenerationLimits fallback() {
        return new GenerationLimits(128, 1024, 8, 999);
    }

    /** Largest step count (≤ {@link GenerationRequest#MAX_STEPS}) the scheduler can be built with. */
    static int maxSteps(SchedulerKind kind, SchedulerConfig config) {
        int lo = 1;
        int hi = GenerationRequest.MAX_STEPS;
        if (!builds(kind, config, lo)) {
            return 1; // the config itself is broken; generation reports that with the real message
        }
        while (lo < hi) { // valid step counts form a prefix 1..n
            int mid = (lo + hi + 1) >>> 1;
            if (builds(kind, config, mid)) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }

    private static boolean builds(SchedulerKind kind, SchedulerConfig config, int steps) {
        try {
            Schedulers.create(kind, config, steps);
            return true;
        } catch (IllegalArgumentException | IndexOutOfBoundsException e) {
            return false;
        }
    }

    private static int roundDown(int value, int multiple) {
        return Math.max(multiple, value / multiple * multiple);
    }

    /** Why {@code value} is not an allowed width/height, or empty when it is. */
    public Optional<String> sideProblem(String name, int value) {
        if (value < minSide || value > maxSide || value % sizeMultiple != 0) {
            return Optional.of(name + " must be a multiple of " + sizeMultiple + " between " + minSide + " and "
                    + maxSide + " for this model, got " + value);
        }
        return Optional.empty();
    }

    /** Why {@code value} is not an allowed step count, or empty when it is. */
    public Optional<String> stepsProblem(int value) {
        if (value < MIN_STEPS || value > maxSteps) {
            return Optional.of("steps must be between " + MIN_STEPS + " and " + maxSteps
                    + " (this model's schedule), got " + value);
        }
        return Optional.empty();
    }

    /** Why {@code value} is not an allowed guidance scale, or empty when it is. */
    public static Optional<String> guidanceProblem(double value) {
        if (!(value >= MIN_GUIDANCE && value <= MAX_GUIDANCE)) {
            return Optional.of("guidance must be a number between 0 and " + (int) MAX_GUIDANCE + ", got " + value);
        }
        return Optional.empty();
    }

    /** Every problem of the request's steps, guidance and size against these limits (empty = fine). */
    public List<String> problems(int steps, double guidance, int width, int height) {
        List<String> out = new ArrayList<>();
        stepsProblem(steps).ifPresent(out::add);
        guidanceProblem(guidance).ifPresent(out::add);
        sideProblem("width", width).ifPresent(out::add);
        sideProblem("height", height).ifPresent(out::add);
        return out;
    }

    /** Why {@code text} (the option or field {@code name}) is too long to encode, or empty when it is not. */
    public static Optional<String> promptProblem(String name, String text) {
        if (text != null && text.length() > MAX_PROMPT_CHARS) {
            return Optional.of(name + " is " + text.length() + " characters long; at most " + MAX_PROMPT_CHARS
                    + " are accepted");
        }
        return Optional.empty();
    }

    /** Why a prompt of {@code chunks} 75-token chunks is refused, or empty when it fits. */
    public static Optional<String> chunksProblem(String name, int chunks) {
        if (chunks > MAX_CHUNKS) {
            return Optional.of(name + " needs " + chunks + " chunks of 75 tokens; at most " + MAX_CHUNKS
                    + " are accepted (each BREAK starts one)");
        }
        return Optional.empty();
    }

    /** {@link #MEMORY_SHARE} of the machine's physical memory (8 GiB when the JVM cannot tell). */
    public static long defaultMemoryBudget() {
        long total = 8L << 30;
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean os && os.getTotalMemorySize() > 0) {
            total = os.getTotalMemorySize();
        }
        return (long) (total * MEMORY_SHARE);
    }

    private static final java.util.regex.Pattern SIZE =
            java.util.regex.Pattern.compile("(?i)\\s*(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(?:i?b)?\\s*");
    /** Smallest memory budget accepted: below it not even the runtime fits. */
    public static final long MIN_MEMORY_BUDGET = 64L << 20;
    /** Largest memory budget accepted (1024 TiB): anything above is a typo. */
    public static final long MAX_MEMORY_BUDGET = 1L << 50;

    /**
     * A memory budget in bytes from text such as {@code 8G}, {@code 1.5GiB}, {@code 512M} or a byte
     * count (the CLI's {@code --memory-budget} and the window's field read it alike).
     *
     * @throws IllegalArgumentException "'lots' is not a size; expected e.g. 8G, 512M" or the range
     */
    public static long parseMemoryBudget(String text) {
        java.util.regex.Matcher m = SIZE.matcher(text == null ? "" : text);
        if (!m.matches()) {
            throw new IllegalArgumentException("'" + text + "' is not a size; expected e.g. 8G, 512M");
        }
        int shift = switch (m.group(2).toLowerCase(java.util.Locale.ROOT)) {
            case "k" -> 10;
            case "m" -> 20;
            case "g" -> 30;
            case "t" -> 40;
            default -> 0;
        };
        double bytes = Double.parseDouble(m.group(1)) * (1L << shift);
        if (!(bytes >= MIN_MEMORY_BUDGET) || bytes > MAX_MEMORY_BUDGET) {
            throw new IllegalArgumentException("'" + text + "' is out of range; expected 64M to 1024T");
        }
        return (long) bytes;
    }

    /** Whether {@code folder} runs classifier-free guidance (a batch of two) at this guidance scale. */
    public static boolean guided(ModelFolder folder, double guidance) {
        return !folder.family().isDistilled() && guidance > 1;
    }

    /**
     * Why a {@code width × height} image does not fit in {@code budgetBytes}, naming the largest
     * square size that does, or empty when it fits. See {@link MemoryEstimate}.
     */
    public Optional<String> memoryProblem(ModelFolder folder, int width, int height, boolean guided,
                                          long budgetBytes) {
        MemoryPlan plan = MemoryPlan.choose(folder, width, height, guided, budgetBytes);
        if (plan.fits(budgetBytes)) {
            return Optional.empty(); // possibly with split CFG or a tiled decode: see MemoryPlan
        }
        MemoryEstimate e = plan.estimate();
        String need = width + "x" + height + " needs about " + MemoryEstimate.readable(
                e.unetPeakBytes() <= budgetBytes ? e.decodePeakBytes() : e.peakBytes())
                + " but the memory budget is " + MemoryEstimate.readable(budgetBytes);
        if (e.unetPeakBytes() <= budgetBytes) {
            need += " (only the VAE decode exceeds it, and this decoder cannot be run in tiles: its graph has a"
                    + " fixed size)";
        }
        int fits = 0;
        for (int side = minSide; side <= Math.max(width, height); side += sizeMultiple) {
            if (MemoryPlan.choose(folder, side, side, guided, budgetBytes).fits(budgetBytes)) {
                fits = side;
            } else {
                break;
            }
        }
        return Optional.of(need + (fits == 0 ? "; not even " + minSide + "x" + minSide + " fits"
                : "; the largest square size that fits is " + fits + "x" + fits));
    }

    /** The nearest allowed side to {@code value} (for steppers; typed values are never silently changed). */
    public int nearestSide(int value) {
        int rounded = Math.round((float) value / sizeMultiple) * sizeMultiple;
        return Math.max(minSide, Math.min(maxSide, rounded));
    }
}
