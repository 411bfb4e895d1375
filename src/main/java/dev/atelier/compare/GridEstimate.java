package dev.atelier.compare;

import java.time.Duration;

/**
 * What a grid will cost, shown before it starts.
 *
 * @param cells    cells to generate
 * @param steps    denoising steps over all cells
 * @param expected expected wall time from recent step timings; null when there were none
 */
public record GridEstimate(int cells, long steps, Duration expected) {
    public String describe() {
        String time = expected == null ? "time unknown (no recent runs)"
                : "about " + formatted(expected);
        return cells + " cells, " + steps + " steps, " + time;
    }

    private static String formatted(Duration d) {
        long s = Math.round(d.toMillis() / 1000.0);
        return s < 60 ? s + " s" : (s / 60) + " min " + (s % 60) + " s";
    }
}
