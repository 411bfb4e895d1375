package dev.atelier.cli;

import dev.atelier.compare.CellStatus;
import dev.atelier.compare.GridManifest;
import dev.atelier.compare.ManifestCell;
import dev.atelier.compare.ManifestJson;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenanceLabel;
import dev.atelier.image.XmpPackets;
import dev.atelier.metadata.ImageMetadata;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.Fixtures;
import dev.atelier.pipeline.GenerationRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code compare} on the embedded models: cells equal to single generates, manifests resumed, bad input. */
class CompareCommandTest {
    private static final String SHAPES = Fixtures.embeddedModel(EmbeddedModels.DEFAULT).toString();
    private static final String SHAPES_V = Fixtures.embeddedModel(EmbeddedModels.V_PREDICTION).toString();

    @TempDir
    Path dir;

    private CliRun compare(String... more) {
        List<String> args = new ArrayList<>(List.of("compare", "--data-dir", dir.resolve("data").toString(),
                "--subject", "a red circle", "--style", "flat, ", "--size", "32x32", "--steps", "2", "--cfg", "5"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(String[]::new));
    }

    private static long progressLines(CliRun run) {
        return run.out().lines().filter(l -> l.matches("\\[\\d+/\\d+] cell .*")).count();
    }

    @Test
    void everyCellIsPixelIdenticalToASingleGenerate() throws Exception {
        Path grid = dir.resolve("grid.png");
        CliRun run = compare("--axis", "model=" + SHAPES + "," + SHAPES_V, "--axis", "seed=1-2",
                "--axis", "scheduler=ddim,euler-a", "--out", grid.toString());
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(8, progressLines(run), run.out());
        GridManifest m = ManifestJson.read(dir.resolve("grid.json"));
        for (ManifestCell c : m.cells()) {
            assertEquals(CellStatus.DONE, c.status());
            GenerationRequest r = c.settings().request();
            Path single = dir.resolve("single-" + c.index() + ".png");
            CliRun generate = CliRun.of("generate", "--data-dir", dir.resolve("data").toString(), "--model", c.settings().model(),
                    "--subject", "a red circle", "--style", "flat, ", "--width", "32", "--height", "32", "--steps", "2",
                    "--cfg", "5", "--seed", Long.toString(r.seed()), "--scheduler", r.scheduler().cliName(),
                    "--out", single.toString());
            assertEquals(0, generate.exitCode(), generate.err());
            assertTrue(PngFiles.read(single).texts().get("parameters").startsWith("a red circle, flat\n"),
                    "fields normalised and joined as the composer does (stray comma of 'flat, ' dropped)");
            assertArrayEquals(PngFiles.read(single).image().rgb(), PngFiles.read(dir.resolve(c.file())).image().rgb(),
                    "cell " + c.index());
            assertEquals(PngFiles.read(single).texts().get("parameters"), PngFiles.read(dir.resolve(c.file())).texts().get("parameters"),
                    "cell " + c.index() + " carries the same parameters as generate");
            assertEquals(PngFiles.read(single).texts().get(ImageMetadata.FIELDS_KEY),
                    PngFiles.read(dir.resolve(c.file())).texts().get(ImageMetadata.FIELDS_KEY),
                    "cell " + c.index() + " carries the same structured fields as generate");
        }
        assertTrue(Files.isRegularFile(grid));
        assertTrue(Files.isRegularFile(dir.resolve("grid-page2.png")), "the scheduler axis makes pages");
    }

    @Test
    void theGridPngAloneReopensAndExtendsTheGrid() throws Exception {
        Path grid = dir.resolve("p.png");
        assertEquals(2, progressLines(compare("--axis", "seed=1-2", "--out", grid.toString())));
        Files.delete(dir.resolve("p.json")); // only the sheet is left: it carries the manifest
        CliRun extended = CliRun.of("compare", "--data-dir", dir.resolve("data").toString(), "--manifest", grid.toString(),
                "--extend", "seed=3");
        assertEquals(0, extended.exitCode(), extended.err());
        assertEquals(1, progressLines(extended), "only the new seed runs");
        assertEquals(3, ManifestJson.read(dir.resolve("p.json")).cells().size(), "the manifest is written beside the PNG");
        assertEquals(3, dev.atelier.compare.GridPngs.readManifest(grid).cells().size(), "and the sheet redrawn with it");

        Path notText = dir.resolve("photo.bin");
        Files.write(notText, new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff, (byte) 0xe0, 0, 0x10});
        CliRun bad = CliRun.of("compare", "--data-dir", dir.resolve("data").toString(), "--manifest", notText.toString());
        assertEquals(2, bad.exitCode());
        assertEquals(1, bad.errLines(), bad.err());
        assertTrue(bad.err().contains("expected the JSON a compare run wrote or its grid PNG"), bad.err());
    }

    @Test
    void extendAndRerunRunOnlyTheNeededCells() throws Exception {
        Path grid = dir.resolve("g.png");
        Path manifest = dir.resolve("g.json");
        assertEquals(2, progressLines(compare("--axis", "seed=1-2", "--out", grid.toString())));
        CliRun extended = CliRun.of("compare", "--data-dir", dir.resolve("data").toString(), "--manifest", manifest.toString(),
                "--extend", "seed=3-4");
        assertEquals(0, extended.exitCode(), extended.err());
        assertEquals(2, progressLines(extended), "only the two new seeds run");
        GridManifest m = ManifestJson.read(manifest);
        assertEquals(4, m.cells().size());
        m.cells().forEach(c -> assertEquals(CellStatus.DONE, c.status()));
        CliRun again = CliRun.of("compare", "--data-dir", dir.resolve("data").toString(), "--manifest", manifest.toString(),
                "--rerun", "1");
        assertEquals(0, again.exitCode(), again.err());
        assertEquals(1, progressLines(again));
        CliRun resume = CliRun.of("compare", "--data-dir", dir.resolve("data").toString(), "--manifest", manifest.toString());
        assertEquals(0, resume.exitCode(), resume.err());
        assertEquals(0, progressLines(resume), "nothing left to run");
        m = ManifestJson.read(manifest);

        Files.delete(dir.resolve(m.cell(2).file()));
        CliRun deleted = CliRun.of("compare", "--data-dir", dir.resolve("data").toString(), "--manifest", manifest.toString());
        assertEquals(2, deleted.exitCode());
        assertEquals(1, deleted.errLines(), deleted.err());
        assertTrue(deleted.err().contains("--rerun 2"), deleted.err());
        assertEquals(m, ManifestJson.read(manifest), "no finished cell lost");

        Files.writeString(manifest, Files.readString(manifest).replaceFirst("\"schemaVersion\"\\s*:\\s*1", "\"schemaVersion\": 99"));
        CliRun newer = CliRun.of("compare", "--data-dir", dir.resolve("data").toString(), "--manifest", manifest.toString());
        assertEquals(2, newer.exitCode());
        assertEquals(1, newer.errLines(), newer.err());
        assertTrue(newer.err().contains("newer"), newer.err());
    }

    @Test
    void aSecondGridTakesItsCellsFromTheHistoryUnlessNoReuse() throws Exception {
        CliRun first = compare("--axis", "seed=1-2", "--out", dir.resolve("a.png").toString());
        assertEquals(0, first.exitCode(), first.err());
        CliRun second = compare("--axis", "seed=1-2", "--out", dir.resolve("b.png").toString());
        assertEquals(0, second.exitCode(), second.err());
        assertEquals(2, second.out().lines().filter(l -> l.contains(": from history #")).count(), second.out());
        assertTrue(second.out().contains("2 of 2 cells taken from the history, 0 generated"), second.out());
        GridManifest a = ManifestJson.read(dir.resolve("a.json"));
        GridManifest b = ManifestJson.read(dir.resolve("b.json"));
        for (ManifestCell c : b.cells()) {
            assertArrayEquals(PngFiles.read(dir.resolve(a.cell(c.index()).file())).image().rgb(),
                    PngFiles.read(dir.resolve(c.file())).image().rgb(), "cell " + c.index());
        }
        CliRun fresh = compare("--axis", "seed=1-2", "--no-reuse", "--out", dir.resolve("c.png").toString());
        assertEquals(0, fresh.exitCode(), fresh.err());
        assertEquals(2, fresh.out().lines().filter(l -> l.contains(": done in ")).count(), fresh.out());
    }

    private static String iptc(Path png, String name) throws Exception {
        String packet = PngFiles.read(png).texts().get(ProvenanceLabel.XMP_KEY);
        if (packet == null) {
            return null;
        }
        return XmpPackets.iptc(XmpPackets.xml(packet), name);
    }

    @Test
    void theSheetCarriesTheProvenanceLabelAndTheInspectorSaysSo() throws Exception {
        Path grid = dir.resolve("grid.png");
        CliRun run = compare("--axis", "model=" + SHAPES + "," + SHAPES_V, "--out", grid.toString(), "--no-history");
        assertEquals(0, run.exitCode(), run.err());
        assertEquals(ProvenanceLabel.TRAINED_ALGORITHMIC_MEDIA, iptc(grid, "DigitalSourceType"));
        assertEquals("Atelier (" + Path.of(SHAPES).getFileName() + ", " + Path.of(SHAPES_V).getFileName() + ")",
                iptc(grid, "AISystemUsed"));
        assertEquals(ProvenanceLabel.ATELIER_VERSION, iptc(grid, "AISystemVersionUsed"));
        assertEquals(null, iptc(grid, "AIPromptInformation"), "the prompt only when opted in");
        CliRun inspect = CliRun.of("inspect", grid.toString(), "--json");
        assertEquals(0, inspect.exitCode(), inspect.err());
        assertTrue(inspect.out().contains("\"provenanceLabel\" : true") || inspect.out().contains("\"provenanceLabel\":true"),
                inspect.out());
        assertTrue(CliRun.of("inspect", grid.toString()).out().contains("provenance label: yes"));
        assertTrue(CliRun.of("inspect", grid.toString()).out().contains("tool: atelier (grid sheet; reopen it with: atelier compare --manifest "),
                "a sheet is named as one, not as an unknown tool");

        Path opted = dir.resolve("opted.png");
        assertEquals(0, compare("--axis", "seed=1-2", "--out", opted.toString(), "--no-history", "--label-prompt").exitCode());
        assertEquals("a red circle, flat", iptc(opted, "AIPromptInformation"), "one prompt: every cell shares it");
        ManifestCell cell = ManifestJson.read(dir.resolve("opted.json")).cell(0);
        assertEquals("a red circle, flat", iptc(dir.resolve(cell.file()), "AIPromptInformation"), "and each cell's label");

        Path bare = dir.resolve("bare.png");
        assertEquals(0, compare("--axis", "seed=1", "--out", bare.toString(), "--no-history", "--no-label").exitCode());
        assertEquals(null, PngFiles.read(bare).texts().get(ProvenanceLabel.XMP_KEY), "--no-label: no packet on the sheet");
        assertTrue(CliRun.of("inspect", bare.toString()).out().contains("provenance label: no"));
    }

    @Test
    void theEstimateCountsCellsFromTheHistoryApart() {
        assertEquals(0, compare("--axis", "seed=1-2", "--out", dir.resolve("a.png").toString()).exitCode());
        CliRun more = compare("--axis", "seed=1-4", "--out", dir.resolve("b.png").toString());
        assertEquals(0, more.exitCode(), more.err());
        String estimate = more.out().lines().filter(l -> l.startsWith("compare: ")).findFirst().orElseThrow();
        assertTrue(estimate.matches("compare: 4 x 1 x 1 grid; this run: 4 cells, 2 from history, 2 to run, 4 steps, about \\d+ s"),
                estimate);
        assertTrue(more.out().contains("2 of 4 cells taken from the history, 2 generated"), more.out());
        CliRun fresh = compare("--axis", "seed=1-4", "--no-reuse", "--out", dir.resolve("c.png").toString());
        String plain = fresh.out().lines().filter(l -> l.startsWith("compare: ")).findFirst().orElseThrow();
        assertTrue(plain.contains("this run: 4 cells, 8 steps, "), "--no-reuse: every cell runs: " + plain);
    }

    @Test
    void badInputIsOneLineAndExitTwo() {
        String out = dir.resolve("bad.png").toString();
        for (String[] axis : List.of(
                new String[] {"--axis", "scheduler=ddim,warp-drive"},
                new String[] {"--axis", "seed="},
                new String[] {"--axis", "sr=zebra,cat"},
                new String[] {"--axis", "seed=1-65"},
                new String[] {"--axis", "size=33x32"})) {
            List<String> args = new ArrayList<>(List.of(axis));
            args.addAll(List.of("--out", out));
            CliRun run = compare(args.toArray(String[]::new));
            assertEquals(2, run.exitCode(), String.join(" ", axis) + ": " + run.err());
            assertEquals(1, run.errLines(), String.join(" ", axis) + ": " + run.err());
        }
        assertTrue(compare("--axis", "seed=1-65", "--out", out).err().contains("--yes"));
        assertTrue(!Files.exists(dir.resolve("bad.png")), "nothing written for bad input");
    }
}
