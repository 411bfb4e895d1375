package dev.atelier.compare;

import dev.atelier.image.GridSheet;
import dev.atelier.image.GridSheetRenderer;
import dev.atelier.image.PixelImage;
import dev.atelier.image.PngContents;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenanceLabel;
import dev.atelier.image.ProvenancePolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The grid image: one PNG per page (pages are separate files, not stacked, so each stays a
 * readable size), each with a legend and the whole manifest in an iTXt chunk {@value #MANIFEST_KEY},
 * so opening any page's PNG restores the grid; and, like every image Atelier writes, the AI
 * provenance label (unless switched off).
 */
public final class GridPngs {
    /** PNG text keyword of the manifest JSON. */
    public static final String MANIFEST_KEY = "atelier_grid";

    private GridPngs() {
    }

    /** The sheets of {@code manifest}, one per page; {@code image} gives a cell's picture or null (not made yet). */
    public static List<GridSheet> sheets(GridManifest manifest, Function<ManifestCell, PixelImage> image) {
        GridPlan plan = manifest.plan();
        List<Axis> axes = manifest.axes();
        List<String> columns = axes.isEmpty() ? List.of("") : axes.get(0).values();
        List<String> rows = axes.size() < 2 ? List.of("") : axes.get(1).values();
        List<GridSheet> out = new ArrayList<>();
        for (int p = 0; p < plan.pages(); p++) {
            List<PixelImage> cells = new ArrayList<>();
            for (GridCell c : plan.page(p)) {
                cells.add(image.apply(manifest.cell(c.index())));
            }
            out.add(new GridSheet(plan.pageTitle(p), axes.isEmpty() ? "" : axes.get(0).name(), columns,
                    axes.size() < 2 ? "" : axes.get(1).name(), rows, cells));
        }
        return out;
    }

    /**
     * Writes the grid to {@code out}, further pages beside it as {@code NAME-page2.png}, … (each
     * atomically), every page with {@link #label}. Returns the files written, first page first.
     *
     * @param provenance the label policy ({@link ProvenancePolicy#none()}: no label)
     */
    public static List<Path> write(GridManifest manifest, Function<ManifestCell, PixelImage> image, Path out,
                                   ProvenancePolicy provenance) throws IOException {
        List<GridSheet> sheets = sheets(manifest, image);
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(MANIFEST_KEY, ManifestJson.toJson(manifest));
        ProvenanceLabel label = label(manifest, provenance);
        List<Path> files = new ArrayList<>();
        for (int p = 0; p < sheets.size(); p++) {
            files.add(p == 0 ? out : pageFile(out, p));
        }
        // pages are drawn, encoded and flushed to disk side by side: at the end of a grid they are all that is left
        try {
            IntStream.range(0, sheets.size()).parallel().forEach(p -> {
                try {
                    PngFiles.write(GridSheetRenderer.render(sheets.get(p)), texts, label, files.get(p), true);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        return files;
    }

    /**
     * The sheet's provenance label: its system names every model of the grid (folder names, in cell
     * order), and, when the user opted in, the prompt is each distinct cell prompt, one a line.
     * Null when the policy writes no label.
     */
    public static ProvenanceLabel label(GridManifest manifest, ProvenancePolicy provenance) {
        Set<String> models = new LinkedHashSet<>();
        Set<String> prompts = new LinkedHashSet<>();
        for (ManifestCell c : manifest.cells()) {
            models.add(c.settings().modelName());
            prompts.add(c.settings().request().prompt());
        }
        return provenance.label(String.join(", ", models), String.join("\n", prompts));
    }

    /** The file page {@code page} (0-based) of a grid written to {@code first} goes to. */
    public static Path pageFile(Path first, int page) {
        if (page == 0) {
            return first;
        }
        String name = first.getFileName().toString();
        int dot = name.toLowerCase(java.util.Locale.ROOT).endsWith(".png") ? name.length() - 4 : name.length();
        return first.resolveSibling(name.substring(0, dot) + "-page" + (page + 1) + name.substring(dot));
    }

    /** The manifest a grid PNG carries; a clear message when the PNG is not an Atelier grid. */
    public static GridManifest readManifest(Path png) throws IOException {
        PngContents contents = PngFiles.read(png);
        String json = contents.texts().get(MANIFEST_KEY);
        if (json == null) {
            throw new ManifestException(png + " is not an Atelier grid image: it carries no " + MANIFEST_KEY + " metadata");
        }
        return ManifestJson.fromJson(json, png.toString());
    }
}
