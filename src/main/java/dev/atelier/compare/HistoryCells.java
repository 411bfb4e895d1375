package dev.atelier.compare;

import dev.atelier.history.HistoryRecord;
import dev.atelier.history.HistoryStore;
import dev.atelier.history.ModelFingerprint;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Finds grid cells already generated: a history row with the cell's settings hash, made by a
 * model folder with the same fingerprint as the cell's folder now, whose image is still in place.
 * Fingerprints are computed once per folder. The runner uses it to take cells from the history,
 * the estimate to count them apart before the grid starts.
 */
public final class HistoryCells {
    private final HistoryStore store;
    private final Map<String, Optional<String>> fingerprints = new HashMap<>();

    public HistoryCells(HistoryStore store) {
        this.store = Objects.requireNonNull(store, "store");
    }

    /** The history row to take {@code cell} from, or empty when it must be generated. */
    Optional<HistoryRecord> find(ManifestCell cell) {
        return find(cell.settings().model(), cell.hash());
    }

    /** Whether a cell with {@code settings} would be taken from the history now. */
    public boolean has(CellSettings settings) {
        return find(settings.model(), settings.hash()).isPresent();
    }

    private Optional<HistoryRecord> find(String model, String hash) {
        return fingerprint(model).flatMap(f -> store.findBySettings(hash, f));
    }

    private Optional<String> fingerprint(String model) {
        return fingerprints.computeIfAbsent(model, m -> {
            try {
                // the same normalised folder the history recorder fingerprints
                return Optional.of(ModelFingerprint.of(Path.of(m).toAbsolutePath().normalize()));
            } catch (RuntimeException e) {
                return Optional.empty(); // a folder that cannot be read: its cells run and fail with the loader's message
            }
        });
    }

    /** How a cell taken from the history is described (manifest message, progress line). */
    static String label(long historyId) {
        return "from history #" + historyId;
    }
}
