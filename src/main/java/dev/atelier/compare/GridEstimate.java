package dev.atelier.compare;

import java.time.Duration;

/**
 * What a grid will cost, shown before it starts. Cells whose settings are already in the history
 * are copied from there, so they are counted apart and cost no steps and no time.
 *
 * @param cells       cells of the run, those taken from the history included
 * @param fromHistory cells that will be taken from the history instead of being generated
 * @param steps       denoising steps over the cells to generate
 * @param expected    expected wall time of the cells to generate from recent step timings; null when
 *                    a model to run had none
 */
public record GridEstimate(int cells, int fromHistory, long steps, Duration expected) {
    public GridEstimate {
        if (cells < 0 || fromHistory < 0 || fromHistory > cells || steps < 0) {
            throw new IllegalArgumentException("an estimate needs 0 <= fromHistory <= cells and steps >= 0, got "
                    + cells + ", " + fromHistory + ", " + steps);
        }
    }

    /** An estimate with nothing taken from the history. */
    public GridEstimate(int cells, long steps, Duration expected) {
        this(cells, 0, steps, expected);
    }

    /** Cells that will be generated. */
    public int toRun() {
        return cells - fromHistory;
    }

    /** E.g. {@code 16 cells, 4 from history, 12 to run, 24 steps, about 9 s}. */
    public String describe() {
        String time = toRun() == 0 ? "nothing to generate"
                : expected == null ? "time unknown (no recent runs)" : "about " + formatted(expected);
        String split = fromHistory == 0 ? "" : ", " + fromHistory + " from history, " + toRun() + " to run";
        return cells + " cells" + split + ", " + steps + " steps, " + time;
    }

    private static String formatted(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }
}
