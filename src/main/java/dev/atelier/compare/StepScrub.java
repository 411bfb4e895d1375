package dev.atelier.compare;

import java.util.List;

/**
 * Step-synchronised scrubbing: one slider position (a fraction of the denoising, 0 = first step,
 * 1 = last) mapped to each cell's step, so cells with different step counts stay at the same point.
 */
public final class StepScrub {
    private StepScrub() {
    }

    /**
     * The 0-based step of a cell with {@code steps} steps at {@code fraction}: the nearest step to
     * {@code fraction × (steps − 1)}, halves rounded up. Fractions outside 0..1 are clamped.
     */
    public static int stepAt(double fraction, int steps) {
        if (steps < 1) {
            throw new IllegalArgumentException("a cell has at least one step, got " + steps);
        }
        if (Double.isNaN(fraction)) {
            throw new IllegalArgumentException("the scrub position must be a number between 0 and 1");
        }
        double f = Math.max(0, Math.min(1, fraction));
        return (int) Math.floor(f * (steps - 1) + 0.5);
    }

    /** {@link #stepAt} for each cell's step count. */
    public static List<Integer> stepsAt(double fraction, List<Integer> stepCounts) {
        return stepCounts.stream().map(n -> stepAt(fraction, n)).toList();
    }

    /** The fraction a cell with {@code steps} steps is at on step {@code step} (the inverse, for a slider that follows one cell). */
    public static double fractionOf(int step, int steps) {
        if (steps < 1 || step < 0 || step >= steps) {
            throw new IllegalArgumentException("step " + step + " is not one of 0.." + (steps - 1));
        }
        return steps == 1 ? 1.0 : (double) step / (steps - 1);
    }
}
