package dev.atelier.pipeline;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Where a generation's time went.
 *
 * @param totalNanos   wall time of {@code generate}, sessions' first load included
 * @param stageNanos   wall time per stage
 * @param stageOrtNanos time inside ORT {@code run} per stage
 * @param ortNanos     time spent inside ORT {@code OrtSession.run}
 * @param stepNanos    wall time of each denoising step
 * @param stepOrtNanos time inside ORT of each denoising step
 * @param loadNanos    time spent creating sessions (0 when they were cached)
 * @param previewNanos time spent rendering step previews (0 without a listener)
 */
public record Timings(long totalNanos, Map<Stage, Long> stageNanos, Map<Stage, Long> stageOrtNanos, long ortNanos, long[] stepNanos,
                      long[] stepOrtNanos, long loadNanos, long previewNanos) {
    public Timings {
        stageNanos = Collections.unmodifiableMap(new EnumMap<>(stageNanos));
        stageOrtNanos = Collections.unmodifiableMap(new EnumMap<>(stageOrtNanos));
        stepNanos = stepNanos.clone();
        stepOrtNanos = stepOrtNanos.clone();
        if (stepNanos.length != stepOrtNanos.length) {
            throw new IllegalArgumentException("one ORT time per step expected");
        }
    }

    /** Everything that is not inside ORT {@code run}: conversions, scheduler, previews, session loading. */
    public long otherNanos() {
        return totalNanos - ortNanos;
    }

    @Override
    public long[] stepNanos() {
        return stepNanos.clone();
    }

    @Override
    public long[] stepOrtNanos() {
        return stepOrtNanos.clone();
    }

    public long stage(Stage stage) {
        return stageNanos.getOrDefault(stage, 0L);
    }

    public long stageOrt(Stage stage) {
        return stageOrtNanos.getOrDefault(stage, 0L);
    }

    /** Summary such as {@code total 1.23 s (load 0.50 s, ORT 0.70 s, other 0.030 s)}. */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "total %.2f s (load %.2f s, ORT %.2f s, other %.3f s)",
                totalNanos / 1e9, loadNanos / 1e9, ortNanos / 1e9, (otherNanos() - loadNanos) / 1e9);
    }
}
