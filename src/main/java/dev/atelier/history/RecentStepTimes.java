package dev.atelier.history;

import java.util.HashMap;
import java.util.Map;

/** Mean seconds per denoising step of each model over the recent history: what a grid's time estimate uses. */
public final class RecentStepTimes {
    /** How many recent history rows the time per step is averaged over. */
    public static final int RECENT = 200;

    private RecentStepTimes() {
    }

    /** Model name (folder name, as the history records it) → mean seconds per step; models without timed runs are absent. */
    public static Map<String, Double> perModel(HistoryStore store) {
        Map<String, double[]> sums = new HashMap<>();
        for (HistoryRecord r : store.list(HistoryQuery.latest(RECENT))) {
            if (r.steps() > 0 && r.totalMillis() > 0) {
                double[] s = sums.computeIfAbsent(r.modelName(), k -> new double[2]);
                s[0] += r.totalMillis() / 1000.0;
                s[1] += r.steps();
            }
        }
        Map<String, Double> out = new HashMap<>();
        sums.forEach((k, v) -> out.put(k, v[0] / v[1]));
        return out;
    }
}
