package dev.atelier.compare;

import dev.atelier.image.ProvenanceLabel;
import dev.atelier.image.ProvenancePolicy;
import dev.atelier.pipeline.GenerationResult;

import java.nio.file.Path;
import java.util.Objects;

/**
 * Where a running grid writes: the cells' PNGs go to {@code cellsDir} (one per cell, named by
 * index), the manifest JSON to {@code manifest} after every cell (null: not written), the grid
 * sheet(s) to {@code sheet} at the end (null: not written).
 *
 * @param provenance whether the cells' images and the sheet carry the provenance label (and the
 *                   prompt in it); null: no label
 */
public record GridOutputs(Path cellsDir, Path manifest, Path sheet, ProvenancePolicy provenance) {
    public GridOutputs {
        Objects.requireNonNull(cellsDir, "cellsDir");
        provenance = provenance == null ? ProvenancePolicy.none() : provenance;
    }

    /** The label of a cell's image, or null for none. */
    ProvenanceLabel cellLabel(GenerationResult result) {
        return provenance.label(result.modelName(), result.settings().prompt());
    }

    /**
     * The file name of a cell inside {@link #cellsDir}: named by its settings hash, not its index,
     * so extending an axis (which renumbers cells) never overwrites another cell's file.
     */
    public static String cellFileName(ManifestCell cell) {
        return "cell-" + cell.hash().substring(0, 16) + ".png";
    }

    /**
     * A cell's file as the manifest records it: relative to the manifest's folder when there is
     * one (so a moved grid folder still opens), else absolute.
     */
    String recorded(Path cellFile) {
        Path absolute = cellFile.toAbsolutePath().normalize();
        if (manifest == null) {
            return absolute.toString();
        }
        Path folder = manifest.toAbsolutePath().normalize().getParent();
        return folder.relativize(absolute).toString().replace('\\', '/');
    }

    /** The folder a recorded cell file is relative to. */
    Path base() {
        return manifest == null ? Path.of("") : manifest.toAbsolutePath().normalize().getParent();
    }
}
