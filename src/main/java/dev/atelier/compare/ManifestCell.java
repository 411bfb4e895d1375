package dev.atelier.compare;

import java.util.List;
import java.util.Objects;

/**
 * A cell as the manifest records it.
 *
 * @param index      display-order index
 * @param position   value index per axis
 * @param settings   the cell's complete settings
 * @param hash       {@link CellSettings#hash()} when the cell was planned; a mismatch means a hand edit
 * @param file       the cell's PNG, relative to the manifest's folder; null before it is written
 * @param status     pending, done, failed or cancelled
 * @param totalMillis generation wall time, null until done
 * @param stepMillis  time of each denoising step, empty until done
 * @param message    why the cell failed, or where a done cell was taken from ("from history #12"); null otherwise
 */
public record ManifestCell(int index, List<Integer> position, CellSettings settings, String hash, String file,
                           CellStatus status, Long totalMillis, List<Long> stepMillis, String message) {
    public ManifestCell {
        position = List.copyOf(position);
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(status, "status");
        stepMillis = stepMillis == null ? List.of() : List.copyOf(stepMillis);
    }

    static ManifestCell planned(GridCell cell) {
        return new ManifestCell(cell.index(), cell.position(), cell.settings(), cell.hash(), null,
                CellStatus.PENDING, null, List.of(), null);
    }

    /** This cell finished: its file and timings. */
    public ManifestCell done(String cellFile, long total, List<Long> steps) {
        return new ManifestCell(index, position, settings, hash, cellFile, CellStatus.DONE, total, steps, null);
    }

    /** This cell taken from history row {@code historyId} instead of being generated (its file is a copy of that image). */
    public ManifestCell fromHistory(String cellFile, long historyId, long total) {
        return new ManifestCell(index, position, settings, hash, cellFile, CellStatus.DONE, total, List.of(),
                HistoryCells.label(historyId));
    }

    public ManifestCell failed(String why) {
        return new ManifestCell(index, position, settings, hash, file, CellStatus.FAILED, null, List.of(), why);
    }

    /** Cancelled before it finished: an earlier file and timings (from a previous run) are kept. */
    public ManifestCell cancelled() {
        return new ManifestCell(index, position, settings, hash, file, CellStatus.CANCELLED, totalMillis, stepMillis, null);
    }

    /** Back to pending (re-run): file and timings are kept until the new result replaces them. */
    public ManifestCell pending() {
        return new ManifestCell(index, position, settings, hash, file, CellStatus.PENDING, totalMillis, stepMillis, null);
    }

    ManifestCell at(int newIndex, List<Integer> newPosition) {
        return new ManifestCell(newIndex, newPosition, settings, hash, file, status, totalMillis, stepMillis, message);
    }
}
