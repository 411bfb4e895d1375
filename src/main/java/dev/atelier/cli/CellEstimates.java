package dev.atelier.cli;

import dev.atelier.compare.GridEstimate;
import dev.atelier.compare.GridPlan;
import dev.atelier.compare.ManifestCell;
import dev.atelier.data.DataFolder;
import dev.atelier.history.HistoryQuery;
import dev.atelier.history.HistoryRecord;
import dev.atelier.history.HistoryStore;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A grid's estimate before it starts: cells, steps, and time from the history's recent runs of each model. */
final class CellEstimates {
    /** How many recent history rows the time per step is averaged over. */
    private static final int RECENT = 200;

    private CellEstimates() {
    }

    static GridEstimate estimate(List<ManifestCell> cells, DataFolder data, boolean noHistory) {
        Map<String, Optional<Double>> perStep = noHistory ? Map.of() : recentSecondsPerStep(data);
        GridPlan only = new GridPlan(List.of(), cells.isEmpty() ? null : cells.getFirst().settings(),
                cells.stream().map(c -> new dev.atelier.compare.GridCell(c.index(), c.position(), c.settings())).toList());
        return only.estimate(model -> perStep.getOrDefault(modelName(model), Optional.empty()));
    }

    /** Mean seconds per step of each model name (folder name) over the recent history. */
    private static Map<String, Optional<Double>> recentSecondsPerStep(DataFolder data) {
        Map<String, double[]> sums = new HashMap<>();
        if (!Files.isDirectory(data.root())) {
            return Map.of();
        }
        try (HistoryStore store = HistoryStore.open(data, n -> { })) {
            for (HistoryRecord r : store.list(HistoryQuery.latest(RECENT))) {
                if (r.steps() > 0 && r.totalMillis() > 0) {
                    double[] s = sums.computeIfAbsent(r.modelName(), k -> new double[2]);
                    s[0] += r.totalMillis() / 1000.0;
                    s[1] += r.steps();
                }
            }
        } catch (RuntimeException e) {
            return Map.of(); // no readable history: the time is shown as unknown
        }
        Map<String, Optional<Double>> out = new HashMap<>();
        sums.forEach((k, v) -> out.put(k, Optional.of(v[0] / v[1])));
        return out;
    }

    private static String modelName(String model) {
        Path p = Path.of(model).toAbsolutePath().normalize().getFileName();
        return p == null ? model : p.toString();
    }
}
