package dev.atelier.compare;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A grid as a re-runnable experiment: its axes, base settings and every cell with its full
 * settings, hash, file, status and timings. Written and read by {@link ManifestJson}.
 *
 * @param schemaVersion the manifest format's version ({@link #SCHEMA_VERSION} when written here)
 */
public record GridManifest(int schemaVersion, List<Axis> axes, CellSettings base, List<ManifestCell> cells) {
    /** The version this code writes and the newest it reads. Raise it when the format changes. */
    public static final int SCHEMA_VERSION = 1;

    public GridManifest {
        axes = List.copyOf(axes);
        cells = List.copyOf(cells);
        for (int i = 0; i < cells.size(); i++) {
            if (cells.get(i).index() != i) {
                throw new IllegalArgumentException("manifest cell " + i + " has index " + cells.get(i).index()
                        + "; cells must be listed in display order");
            }
        }
    }

    /** A new manifest of {@code plan}: every cell pending. */
    public static GridManifest of(GridPlan plan) {
        return new GridManifest(SCHEMA_VERSION, plan.axes(), plan.base(),
                plan.cells().stream().map(ManifestCell::planned).toList());
    }

    /** The plan these axes and base settings make (cells in display order, as {@link #cells}). */
    public GridPlan plan() {
        return GridPlan.of(axes, base);
    }

    public ManifestCell cell(int index) {
        if (index < 0 || index >= cells.size()) {
            throw new IllegalArgumentException("there is no cell " + index + "; this grid has cells 0 to "
                    + (cells.size() - 1));
        }
        return cells.get(index);
    }

    /** This manifest with {@code cell} replacing the one at its index. */
    public GridManifest with(ManifestCell cell) {
        cell(cell.index());
        List<ManifestCell> copy = new ArrayList<>(cells);
        copy.set(cell.index(), cell);
        return new GridManifest(schemaVersion, axes, base, copy);
    }

    /** Cell {@code index} marked to run again; every other cell is kept as it is. */
    public GridExtension rerun(int index) {
        ManifestCell again = cell(index).pending();
        return new GridExtension(with(again), List.of(again));
    }

    /**
     * This grid with {@code more} values on the axis of the same name; cells whose settings were
     * already planned keep their file, status and timings, and only the others run (in execution order).
     */
    public GridExtension extend(Axis more) {
        List<Axis> extended = new ArrayList<>(axes);
        int k = -1;
        for (int i = 0; i < axes.size(); i++) {
            if (axes.get(i).name().equals(more.name())) {
                k = i;
            }
        }
        if (k < 0) {
            throw new IllegalArgumentException("this grid has no " + more.name() + " axis; it can extend "
                    + String.join(", ", axes.stream().map(Axis::name).toList()));
        }
        extended.set(k, axes.get(k).plus(more));
        GridPlan plan = GridPlan.of(extended, base);
        Map<String, ManifestCell> known = new HashMap<>();
        cells.forEach(c -> known.put(c.hash(), c));
        List<ManifestCell> out = new ArrayList<>();
        for (GridCell c : plan.cells()) {
            ManifestCell old = known.get(c.hash());
            out.add(old == null ? ManifestCell.planned(c) : old.at(c.index(), c.position()));
        }
        GridManifest next = new GridManifest(SCHEMA_VERSION, extended, base, out);
        List<ManifestCell> toRun = plan.executionOrder().stream()
                .map(c -> next.cells().get(c.index()))
                .filter(c -> c.status() != CellStatus.DONE)
                .toList();
        return new GridExtension(next, toRun);
    }

    /** Finished cells whose file is no longer in {@code folder} (deleted since); they can be re-run. */
    public List<ManifestCell> missingFiles(Path folder) {
        return cells.stream()
                .filter(c -> c.status() == CellStatus.DONE && (c.file() == null || !Files.isRegularFile(folder.resolve(c.file()))))
                .toList();
    }

    /**
     * What was edited by hand as one phrase (empty when nothing): cells whose settings no
     * longer give their recorded hash, or axes and base settings that no longer plan these cells.
     */
    List<String> handEdits() {
        List<String> out = new ArrayList<>();
        for (ManifestCell c : cells) {
            if (!c.settings().hash().equals(c.hash())) {
                out.add("cell " + c.index());
            }
        }
        if (!out.isEmpty()) {
            return List.of("the settings of " + String.join(", ", out));
        }
        return plansItsCells() ? List.of() : List.of("the axes or base settings");
    }

    private boolean plansItsCells() {
        List<GridCell> planned;
        try {
            planned = plan().cells();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (planned.size() != cells.size()) {
            return false;
        }
        for (int i = 0; i < cells.size(); i++) {
            if (!planned.get(i).hash().equals(cells.get(i).hash())) {
                return false;
            }
        }
        return true;
    }
}
