package dev.atelier.compare;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManifestJsonTest {
    @TempDir
    Path dir;

    private final AxisParser parser = GridFixtures.parser();
    private final CellSettings base = GridFixtures.base();

    private GridManifest manifest() {
        GridPlan plan = GridPlan.of(List.of(parser.parse("seed=1,2", base), parser.parse("preset=Noir,Frame", base),
                parser.parse("scheduler=ddim", base)), base);
        return GridManifest.of(plan).with(GridManifest.of(plan).cell(1).done("cells/cell-1.png", 1234, List.of(100L, 110L)));
    }

    @Test
    void roundTripsThroughAFile() throws IOException {
        GridManifest manifest = manifest();
        Path file = dir.resolve("grid.json");
        ManifestJson.write(manifest, file);
        GridManifest back = ManifestJson.read(file);
        assertEquals(manifest, back);
        assertEquals(CellStatus.DONE, back.cell(1).status());
        assertEquals(List.of(100L, 110L), back.cell(1).stepMillis());
        assertEquals("a red circle, flat, black and white, film grain", back.cell(0).settings().request().prompt());
        String json = Files.readString(file);
        assertTrue(json.contains("\"schemaVersion\" : 1"), json);
        assertTrue(json.contains("\"hash\" : \"" + manifest.cell(0).hash() + "\""), json);
    }

    @Test
    void aNewerSchemaIsRefused() {
        String json = ManifestJson.toJson(manifest()).replace("\"schemaVersion\" : 1", "\"schemaVersion\" : 2");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestJson.fromJson(json, "grid.json"));
        assertEquals("grid.json was written by a newer Atelier (manifest schema 2); this version reads schema 1 and older. "
                + "Update Atelier.", e.getMessage());
    }

    @Test
    void aHandEditIsDetected() {
        String json = ManifestJson.toJson(manifest()).replaceFirst("\"seed\" : 2,", "\"seed\" : 3,");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestJson.fromJson(json, "grid.json"));
        assertEquals("grid.json was edited by hand: the settings of cell 1 no longer match the recorded hashes. "
                + "Undo the edit, or start a new grid with the new settings.", e.getMessage());
    }

    @Test
    void anEditedAxisIsDetected() {
        String json = ManifestJson.toJson(manifest()).replaceFirst("\"ddim\"", "\"euler\"");
        ManifestException e = assertThrows(ManifestException.class, () -> ManifestJson.fromJson(json, "grid.json"));
        assertEquals("grid.json was edited by hand: the axes or base settings no longer match the "
                + "recorded hashes. Undo the edit, or start a new grid with the new settings.", e.getMessage());
    }

    @Test
    void notAManifestSaysSo() {
        assertEquals("x.json is not a grid manifest: it has no schemaVersion",
                assertThrows(ManifestException.class, () -> ManifestJson.fromJson("{\"a\":1}", "x.json")).getMessage());
        assertTrue(assertThrows(ManifestException.class, () -> ManifestJson.fromJson("{", "x.json")).getMessage()
                .startsWith("x.json is not a grid manifest: not valid JSON"));
        String json = ManifestJson.toJson(manifest()).replaceFirst("\"steps\" : 10", "\"steps\" : 0");
        assertEquals("x.json is not a valid grid manifest: steps must be between 1 and 1000, got 0",
                assertThrows(ManifestException.class, () -> ManifestJson.fromJson(json, "x.json")).getMessage());
    }

    @Test
    void extendingAnAxisRunsOnlyTheNewCells() throws IOException {
        GridManifest manifest = manifest();
        GridExtension ext = manifest.extend(parser.parse("seed=2,3", base));
        GridManifest next = ext.manifest();
        assertEquals(List.of("1", "2", "3"), next.axes().get(0).values());
        assertEquals(6, next.cells().size());
        // the finished cell (seed 2, Noir) keeps its file and timings at its new place
        ManifestCell kept = next.cell(1);
        assertEquals(CellStatus.DONE, kept.status());
        assertEquals("cells/cell-1.png", kept.file());
        assertEquals(2, kept.settings().request().seed());
        // new seed-3 cells run, and the old pending ones; never the finished one
        assertEquals(List.of(0, 2, 3, 4, 5), ext.toRun().stream().map(ManifestCell::index).sorted().toList());
        assertTrue(ext.toRun().stream().noneMatch(c -> c.status() == CellStatus.DONE));
        // the extended manifest is a valid manifest
        assertEquals(next, ManifestJson.fromJson(ManifestJson.toJson(next), "next"));
    }

    @Test
    void extendingAnAxisTheGridLacksIsRefused() {
        assertEquals("this grid has no steps axis; it can extend seed, preset, scheduler",
                assertThrows(IllegalArgumentException.class,
                        () -> manifest().extend(parser.parse("steps=5", base))).getMessage());
    }

    @Test
    void reRunningOneCellKeepsTheOthers() {
        GridManifest manifest = manifest();
        GridExtension again = manifest.rerun(1);
        assertEquals(List.of(1), again.toRun().stream().map(ManifestCell::index).toList());
        assertEquals(CellStatus.PENDING, again.manifest().cell(1).status());
        assertEquals(manifest.cell(0), again.manifest().cell(0));
        assertEquals("there is no cell 9; this grid has cells 0 to 3",
                assertThrows(IllegalArgumentException.class, () -> manifest.rerun(9)).getMessage());
    }

    @Test
    void deletedCellFilesAreFound() throws IOException {
        GridManifest manifest = manifest();
        assertEquals(List.of(1), manifest.missingFiles(dir).stream().map(ManifestCell::index).toList());
        Files.createDirectories(dir.resolve("cells"));
        Files.write(dir.resolve("cells/cell-1.png"), new byte[]{1});
        assertEquals(List.of(), manifest.missingFiles(dir));
    }
}
