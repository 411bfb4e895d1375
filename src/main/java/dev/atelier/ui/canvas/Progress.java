package dev.atelier.ui.canvas;

import dev.atelier.pipeline.StepState;

import java.time.Duration;
import java.util.List;

/**
 * Speed and remaining time of a run, from the step durations so far.
 *
 * @param itPerSecond steps per second over the recent steps (0 before the first)
 * @param eta         time left for the remaining steps (zero when unknown or done)
 */
public record Progress(int completed, int total, double timestep, double itPerSecond, Duration eta) {
    /** Steps averaged for the speed: recent enough to follow changes, long enough to be steady. */
    static final int WINDOW = 5;

    public static Progress of(List<StepState> frames) {
        if (frames.isEmpty()) {
            return new Progress(0, 0, 0, 0, Duration.ZERO);
        }
        StepState last = frames.getLast();
        int from = Math.max(0, frames.size() - WINDOW);
        long nanos = 0;
        for (int i = from; i < frames.size(); i++) {
            nanos += frames.get(i).stepNanos();
        }
        int n = frames.size() - from;
        double perStep = nanos / (double) n;
        double itPerSecond = perStep > 0 ? 1e9 / perStep : 0;
        int remaining = last.total() - (last.index() + 1);
        Duration eta = perStep > 0 ? Duration.ofNanos((long) (perStep * remaining)) : Duration.ZERO;
        return new Progress(last.index() + 1, last.total(), last.timestep(), itPerSecond, eta);
    }

    /** "step 7/20 · t=681 · 4.2 it/s · ETA 0:03". */
    public String describe() {
        if (total == 0) {
            return "";
        }
        long s = Math.round(eta.toMillis() / 1000.0);
        return String.format(java.util.Locale.ROOT, "step %d/%d · t=%.0f · %.1f it/s · ETA %d:%02d",
                completed, total, timestep, itPerSecond, s / 60, s % 60);
    }
}
