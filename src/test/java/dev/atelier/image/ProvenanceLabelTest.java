package dev.atelier.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;

import static dev.atelier.image.XmpPackets.iptc;
import static dev.atelier.image.XmpPackets.xml;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProvenanceLabelTest {
    @TempDir
    Path dir;

    @Test
    void pngCarriesTheLabelAsXmpAndAnXmlParserReadsIt() throws Exception {
        Path file = dir.resolve("a.png");
        ProvenanceLabel label = ProvenanceLabel.atelier("0.1.0", "tiny-shapes", Instant.parse("2026-12-04T10:00:00Z"));
        PngFiles.write(new PixelImage(8, 8, new byte[192]), Map.of("parameters", "a <cat> & dog\nSteps: 20"), label, file);
        String packet = PngFiles.read(file).texts().get(ProvenanceLabel.XMP_KEY);
        Document doc = xml(packet);
        assertEquals(ProvenanceLabel.TRAINED_ALGORITHMIC_MEDIA, iptc(doc, "DigitalSourceType"));
        assertEquals("Atelier (tiny-shapes)", iptc(doc, "AISystemUsed"));
        assertEquals("0.1.0", iptc(doc, "AISystemVersionUsed"));
        assertNull(iptc(doc, "AIPromptInformation"), "no prompt unless opted in");
        assertEquals("2026-12-04T00:00:00Z", doc.getElementsByTagNameNS("http://ns.adobe.com/xap/1.0/", "CreateDate").item(0).getTextContent());
        assertEquals(label, ProvenanceLabel.parse(packet).orElseThrow());
    }

    @Test
    void promptGoesInOnlyWhenOptedInAndSharingStripsIt() throws Exception {
        Path file = dir.resolve("b.png");
        ProvenanceLabel label = ProvenanceLabel.atelier("0.1.0", "m", Instant.EPOCH).withPrompt("a <red> cat & dog");
        PngFiles.write(new PixelImage(8, 8, new byte[192]), Map.of("parameters", "a red cat", "atelier_fields", "{}"), label, file);
        assertEquals("a <red> cat & dog", iptc(xml(PngFiles.read(file).texts().get(ProvenanceLabel.XMP_KEY)), "AIPromptInformation"));
        Path shared = dir.resolve("shared.png");
        ProvenanceLabel.writeWithoutPrompt(file, shared);
        PngContents copy = PngFiles.read(shared);
        assertEquals(java.util.Set.of(ProvenanceLabel.XMP_KEY), copy.texts().keySet());
        Document doc = xml(copy.texts().get(ProvenanceLabel.XMP_KEY));
        assertEquals(ProvenanceLabel.TRAINED_ALGORITHMIC_MEDIA, iptc(doc, "DigitalSourceType"));
        assertNull(iptc(doc, "AIPromptInformation"));
        assertTrue(java.util.Arrays.equals(PngFiles.read(file).image().rgb(), copy.image().rgb()));
    }

    @Test
    void packetWithoutTheCodeIsNoLabel() {
        assertFalse(ProvenanceLabel.parse("<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"/>").isPresent());
    }
}
