package dev.atelier.ui.compare;

import dev.atelier.compare.CellStatus;
import dev.atelier.compare.GridManifest;
import dev.atelier.compare.SavedGrid;
import dev.atelier.compare.GridPngs;
import dev.atelier.compare.GridRunner;
import dev.atelier.compare.ManifestCell;
import dev.atelier.compare.ManifestJson;
import dev.atelier.image.AtomicFiles;
import dev.atelier.image.PixelImage;
import dev.atelier.image.ProvenancePolicy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/** The comparison window's grid folders: where a grid goes, its finished cells read back, a saved copy. Never the FX thread. */
final class GridFiles {
    private static final DateTimeFormatter FOLDER_TIME = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT);

    private GridFiles() {
    }

    /** A new folder {@code kind-yyyyMMdd-HHmmss[-n]} under {@code gridsRoot}. */
    static Path newFolder(Path gridsRoot, String kind) throws IOException {
        Files.createDirectories(gridsRoot);
        String stem = kind + "-" + LocalDateTime.now().format(FOLDER_TIME);
        Path folder = gridsRoot.resolve(stem);
        for (int n = 2; Files.exists(folder); n++) {
            folder = gridsRoot.resolve(stem + "-" + n);
        }
        return Files.createDirectories(folder);
    }

    /**
     * Writes {@code m} (its files relative to {@code from}) into {@code dir}: {@code grid.json}, every
     * finished cell's PNG under {@code cells/} (copied, metadata intact) and the sheet {@code grid.png},
     * each atomically, labelled by {@code provenance} (null: no label). Returns the manifest as saved.
     */
    static GridManifest copy(GridManifest m, Path from, Path dir, ProvenancePolicy provenance) throws IOException {
        Path cells = Files.createDirectories(dir.resolve("cells"));
        GridManifest out = m;
        for (ManifestCell c : m.cells()) {
            Path src = c.file() == null ? null : from.resolve(c.file());
            if (c.status() == CellStatus.DONE && src != null && Files.isRegularFile(src)) {
                Path target = cells.resolve(src.getFileName());
                if (!src.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
                    AtomicFiles.writeBytes(target, Files.readAllBytes(src));
                }
                out = out.with(c.done("cells/" + target.getFileName(), Objects.requireNonNullElse(c.totalMillis(), 0L),
                        c.stepMillis()));
            }
        }
        ManifestJson.write(out, dir.resolve("grid.json"));
        GridPngs.write(out, c -> GridRunner.readCell(c, dir), dir.resolve("grid.png"), provenance);
        return out;
    }

    /** Pictures of the finished cells not in {@code skip}, read from their files (background). */
    static Map<Integer, PixelImage> readDone(GridManifest m, Path manifestAt, Set<Integer> skip) {
        Path folder = manifestAt.toAbsolutePath().getParent();
        Map<Integer, PixelImage> out = new HashMap<>();
        for (ManifestCell c : m.cells()) {
            if (!skip.contains(c.index())) {
                PixelImage image = GridRunner.readCell(c, folder);
                if (image != null) {
                    out.put(c.index(), image);
                }
            }
        }
        return out;
    }

    /** Where the cells of a grid go: beside its finished cells when it has some, else {@code NAME-cells}. */
    static Path cellsDir(GridManifest m, Path manifestAt) {
        Path folder = manifestAt.toAbsolutePath().getParent();
        return m.cells().stream().filter(c -> c.file() != null).findFirst()
                .map(c -> folder.resolve(c.file()).getParent())
                .orElse(SavedGrid.sibling(manifestAt.toAbsolutePath(), "-cells"));
    }

}
