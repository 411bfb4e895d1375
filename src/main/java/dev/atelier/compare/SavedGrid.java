package dev.atelier.compare;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;

/**
 * A saved grid as the window and {@code compare --manifest} open it: from its manifest JSON, or from
 * its sheet PNG, which carries the whole manifest (the JSON then belongs beside the PNG).
 *
 * @param manifest     the grid
 * @param manifestFile where its manifest JSON is (or is to be written)
 * @param sheetFile    where its sheet PNG is
 */
public record SavedGrid(GridManifest manifest, Path manifestFile, Path sheetFile) {
    public SavedGrid {
        Objects.requireNonNull(manifest, "manifest");
        Objects.requireNonNull(manifestFile, "manifestFile");
        Objects.requireNonNull(sheetFile, "sheetFile");
    }

    /** Reads {@code file}, a manifest JSON or a grid PNG; a PNG without a manifest is a {@link ManifestException}. */
    public static SavedGrid open(Path file) throws IOException {
        boolean sheet = isSheet(file);
        GridManifest m = sheet ? GridPngs.readManifest(file) : ManifestJson.read(file);
        return new SavedGrid(m, sheet ? sibling(file, ".json") : file, sheet ? file : sibling(file, ".png"));
    }

    /** Whether {@code file} names a grid sheet (a PNG) rather than a manifest JSON. */
    public static boolean isSheet(Path file) {
        return file.getFileName() != null && file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png");
    }

    /** {@code grid.json} → {@code grid.png}, {@code grid-cells}, … */
    public static Path sibling(Path file, String suffix) {
        String name = file.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return file.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + suffix);
    }
}
