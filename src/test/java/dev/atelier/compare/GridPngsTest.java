package dev.atelier.compare;

import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenanceLabel;
import dev.atelier.image.ProvenancePolicy;
import dev.atelier.metadata.ImageMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;


import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import static dev.atelier.image.XmpPackets.iptc;
import static dev.atelier.image.XmpPackets.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GridPngsTest {
    @TempDir
    Path dir;

    private final AxisParser parser = GridFixtures.parser();
    private final CellSettings base = GridFixtures.base();

    private static PixelImage grey(int level) {
        byte[] rgb = new byte[128 * 128 * 3];
        java.util.Arrays.fill(rgb, (byte) level);
        return new PixelImage(128, 128, rgb);
    }

    private GridManifest manifest(String... specs) {
        return GridManifest.of(GridPlan.of(List.of(specs).stream().map(s -> parser.parse(s, base)).toList(), base));
    }

    @Test
    void onePngPerPageEachCarryingTheManifestInAnITxtChunk() throws IOException {
        GridManifest manifest = manifest("seed=1,2", "style=flat|watercolor", "scheduler=ddim,euler");
        Path out = dir.resolve("grid.png");
        List<Path> files = GridPngs.write(manifest, c -> c.index() == 3 ? null : grey(40 + 10 * c.index()), out, ProvenancePolicy.none());
        assertEquals(List.of(out, dir.resolve("grid-page2.png")), files);
        for (Path f : files) {
            assertEquals(manifest, GridPngs.readManifest(f));
            String raw = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
            assertTrue(raw.contains("iTXt" + GridPngs.MANIFEST_KEY), "manifest not in an iTXt chunk");
        }
        PixelImage page = PngFiles.read(out).image();
        assertEquals(128 + 2 * 128, page.width());
        // page 2 holds cells 4..7: the first (seed 1, flat, euler) is grey 80 at the bottom-left of the legend
        PixelImage second = PngFiles.read(files.get(1)).image();
        int top = second.height() - 2 * 128;
        assertEquals(0x505050, second.rgbAt(128 + 64, top + 64));
    }

    @Test
    void everyPageCarriesTheProvenanceLabelNamingEveryModel() throws Exception {
        GridManifest manifest = manifest("model=/models/alpha,/models/beta", "style=flat|watercolor", "seed=1,2");
        Path out = dir.resolve("grid.png");
        Clock day = Clock.fixed(Instant.parse("2026-12-05T10:30:00Z"), ZoneOffset.UTC);
        List<Path> files = GridPngs.write(manifest, c -> grey(50), out, new ProvenancePolicy(true, false, "0.1.0", day));
        assertEquals(2, files.size());
        for (Path f : files) {
            var texts = PngFiles.read(f).texts();
            assertEquals(manifest, GridPngs.readManifest(f), "the manifest is still there");
            Document doc = xml(texts.get(ProvenanceLabel.XMP_KEY));
            assertEquals(ProvenanceLabel.TRAINED_ALGORITHMIC_MEDIA, iptc(doc, "DigitalSourceType"));
            assertEquals("Atelier (alpha, beta)", iptc(doc, "AISystemUsed"));
            assertEquals("0.1.0", iptc(doc, "AISystemVersionUsed"));
            assertNull(iptc(doc, "AIPromptInformation"), "no prompt unless the user opts in");
            assertEquals("2026-12-05T00:00:00Z",
                    doc.getElementsByTagNameNS("http://ns.adobe.com/xap/1.0/", "CreateDate").item(0).getTextContent());
            assertTrue(ImageMetadata.read(f).labelled(), "the inspector reports the label");
        }
    }

    @Test
    void theSheetsLabelCarriesTheGridsPromptsOnlyWhenOptedInAndNothingWhenOff() throws Exception {
        GridManifest manifest = manifest("style=flat|watercolor");
        Path with = dir.resolve("with.png");
        GridPngs.write(manifest, c -> grey(50), with, new ProvenancePolicy(true, true, "0.1.0", Clock.systemUTC()));
        String prompts = iptc(xml(PngFiles.read(with).texts().get(ProvenanceLabel.XMP_KEY)), "AIPromptInformation");
        assertEquals(manifest.cells().stream().map(c -> c.settings().request().prompt()).toList(), prompts.lines().toList(),
                "each distinct cell prompt, one a line");
        Path off = dir.resolve("off.png");
        GridPngs.write(manifest, c -> grey(50), off, new ProvenancePolicy(false, true, "0.1.0", Clock.systemUTC()));
        assertNull(PngFiles.read(off).texts().get(ProvenanceLabel.XMP_KEY), "--no-label");
        assertFalse(ImageMetadata.read(off).labelled());
    }

    @Test
    void sheetsFollowThePlansPages() {
        GridManifest manifest = manifest("seed=1-3", "style=flat|watercolor");
        var sheets = GridPngs.sheets(manifest, c -> null);
        assertEquals(1, sheets.size());
        assertEquals("seed", sheets.get(0).columnAxis());
        assertEquals(List.of("flat", "watercolor"), sheets.get(0).rowLabels());
        assertNull(sheets.get(0).cell(2, 1));
        assertEquals("", sheets.get(0).title());
    }

    @Test
    void pageFilesAreNamedBesideTheFirst() {
        assertEquals(dir.resolve("g-page3.png"), GridPngs.pageFile(dir.resolve("g.png"), 2));
        assertEquals(dir.resolve("g-page2"), GridPngs.pageFile(dir.resolve("g"), 1));
    }

    @Test
    void aPlainPngIsNotAGrid() throws IOException {
        Path plain = dir.resolve("plain.png");
        PngFiles.write(grey(0), Map.of("parameters", "cat"), plain);
        assertEquals(plain + " is not an Atelier grid image: it carries no atelier_grid metadata",
                assertThrows(ManifestException.class, () -> GridPngs.readManifest(plain)).getMessage());
    }
}
