package dev.atelier.cli;

import dev.atelier.compare.CellSettings;
import dev.atelier.compare.GridEstimate;
import dev.atelier.compare.GridPlan;
import dev.atelier.compare.HistoryCells;
import dev.atelier.compare.ManifestCell;
import dev.atelier.data.DataFolder;
import dev.atelier.history.HistoryStore;
import dev.atelier.history.RecentStepTimes;

import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * A grid's estimate before it starts: cells, those the history already holds (counted apart, as
 * the runner will copy them), steps, and time from the history's recent runs of each model.
 */
final class CellEstimates {
    private CellEstimates() {
    }

    /**
     * @param noHistory no history at all (no times, nothing reused)
     * @param reuse     cells already in the history will be taken from there
     */
    static GridEstimate estimate(List<ManifestCell> cells, DataFolder data, boolean noHistory, boolean reuse) {
        GridPlan only = new GridPlan(List.of(), cells.isEmpty() ? null : cells.getFirst().settings(),
                cells.stream().map(c -> new dev.atelier.compare.GridCell(c.index(), c.position(), c.settings())).toList());
        if (noHistory || !Files.isDirectory(data.root())) {
            return only.estimate(model -> Optional.empty());
        }
        try (HistoryStore store = HistoryStore.open(data, n -> { })) {
            Map<String, Optional<Double>> perStep = new HashMap<>();
            RecentStepTimes.perModel(store).forEach((k, v) -> perStep.put(k, Optional.of(v)));
            HistoryCells known = new HistoryCells(store);
            Predicate<CellSettings> fromHistory = reuse ? known::has : s -> false;
            return only.estimate(model -> perStep.getOrDefault(CellSettings.folderName(model), Optional.empty()),
                    fromHistory);
        } catch (RuntimeException e) {
            return only.estimate(model -> Optional.empty()); // no readable history: time unknown, nothing reused
        }
    }
}
