package dev.atelier.cli;

import dev.atelier.compare.GridEstimate;
import dev.atelier.compare.GridPlan;
import dev.atelier.compare.ManifestCell;
import dev.atelier.data.DataFolder;
import dev.atelier.history.HistoryStore;
import dev.atelier.history.RecentStepTimes;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A grid's estimate before it starts: cells, steps, and time from the history's recent runs of each model. */
final class CellEstimates {
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
        if (!Files.isDirectory(data.root())) {
            return Map.of();
        }
        try (HistoryStore store = HistoryStore.open(data, n -> { })) {
            Map<String, Optional<Double>> out = new HashMap<>();
            RecentStepTimes.perModel(store).forEach((k, v) -> out.put(k, Optional.of(v)));
            return out;
        } catch (RuntimeException e) {
            return Map.of(); // no readable history: the time is shown as unknown
        }
    }

    private static String modelName(String model) {
        Path p = Path.of(model).toAbsolutePath().normalize().getFileName();
        return p == null ? model : p.toString();
    }
}
