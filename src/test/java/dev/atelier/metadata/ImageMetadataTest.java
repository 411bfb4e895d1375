package dev.atelier.metadata;

import dev.atelier.image.GenerationParameters;
import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenanceLabel;
import dev.atelier.preset.PresetPrompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Test images written as the other tools write them (text chunks / EXIF), samples in src/test/resources/metadata. */
class ImageMetadataTest {
    private static final PixelImage PIXELS = new PixelImage(8, 8, new byte[8 * 8 * 3]);
    @TempDir
    Path dir;

    static String sample(String name) throws IOException {
        try (InputStream in = ImageMetadataTest.class.getResourceAsStream("/metadata/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private Path png(String name, Map<String, String> texts) throws IOException {
        Path file = dir.resolve(name);
        PngFiles.write(PIXELS, texts, file);
        return file;
    }

    @Test
    void a1111KeepsLoraAndUnknownSamplerByName() throws IOException {
        RecoveredGeneration r = ImageMetadata.read(png("a1111.png", Map.of("parameters", sample("a1111-parameters.txt"))));
        assertEquals(SourceTool.A1111, r.tool());
        GenerationParameters p = r.parameters();
        assertEquals("a lighthouse on a cliff, <lora:film-grain:0.6>", p.prompt());
        assertEquals("blurry, lowres", p.negativePrompt());
        assertEquals(28, p.steps());
        assertEquals(1234567890L, p.seed());
        assertEquals(512, p.width());
        assertEquals(768, p.height());
        assertEquals("film-grain:0.6", r.unsupported().get("LoRA"));
        assertEquals("DPM++ SDE / Karras", r.unsupported().get("Sampler"));
        assertEquals(Optional.of("dpmpp-2m-karras"), r.scheduler());
        assertFalse(r.labelled());
    }

    @Test
    void comfyUiFollowsSamplerLinksToTheTextNodes() throws IOException {
        RecoveredGeneration r = ImageMetadata.read(png("comfy.png", Map.of("prompt", sample("comfyui-prompt.json"),
                "workflow", "{\"nodes\": []}")));
        assertEquals(SourceTool.COMFYUI, r.tool());
        assertEquals("beautiful scenery nature glass bottle landscape, , purple galaxy bottle,", r.parameters().prompt());
        assertEquals("text, watermark", r.parameters().negativePrompt());
        assertEquals(8566257L, r.parameters().seed());
        assertEquals(20, r.parameters().steps());
        assertEquals(8.0, r.parameters().cfgScale());
        assertEquals(512, r.parameters().width());
        assertEquals("v1-5-pruned-emaonly", r.parameters().modelName());
        assertEquals("pixel-art.safetensors:0.8", r.unsupported().get("LoRA"));
        assertEquals(Optional.of("euler"), r.scheduler());
    }

    @Test
    void comfyUiCyclesAndMissingLinksAreCleanErrors() throws IOException {
        String cycle = "{\"3\": {\"class_type\": \"KSampler\", \"inputs\": {\"positive\": [\"6\", 0]}},"
                + "\"6\": {\"class_type\": \"ConditioningCombine\", \"inputs\": {\"conditioning_1\": [\"7\", 0]}},"
                + "\"7\": {\"class_type\": \"ConditioningCombine\", \"inputs\": {\"conditioning_1\": [\"6\", 0]}}}";
        MetadataException e = assertThrows(MetadataException.class, () -> ImageMetadata.fromTexts(Map.of("prompt", cycle)));
        assertTrue(e.getMessage().contains("cycle"), e.getMessage());
        String missing = sample("comfyui-prompt.json").replace("\"negative\": [\"7\", 0]", "\"negative\": [\"70\", 0]");
        MetadataException m = assertThrows(MetadataException.class, () -> ImageMetadata.fromTexts(Map.of("prompt", missing)));
        assertTrue(m.getMessage().contains("node 70") && m.getMessage().contains("missing link"), m.getMessage());
        assertEquals(1, m.getMessage().lines().count());
    }

    @Test
    void invokeAiMetadata() throws IOException {
        RecoveredGeneration r = ImageMetadata.read(png("invoke.png", Map.of("invokeai_metadata", sample("invokeai-metadata.json"),
                "invokeai_workflow", "{}")));
        assertEquals(SourceTool.INVOKEAI, r.tool());
        assertEquals("a red fox in snow", r.parameters().prompt());
        assertEquals(Optional.of("dpmpp-2m-karras"), r.scheduler());
        assertEquals(768, r.parameters().width());
    }

    @Test
    void fooocusJsonScheme() throws IOException {
        RecoveredGeneration r = ImageMetadata.read(png("fooocus.png", Map.of("parameters", sample("fooocus-parameters.json"),
                "fooocus_scheme", "fooocus")));
        assertEquals(SourceTool.FOOOCUS, r.tool());
        GenerationParameters p = r.parameters();
        assertEquals("a cat in a hat", p.prompt());
        assertEquals(1234L, p.seed());
        assertEquals(30, p.steps());
        assertEquals(4.0, p.cfgScale());
        assertEquals(1152, p.width());
        assertEquals(896, p.height());
        assertEquals("juggernautXL_v8Rundiffusion", p.modelName());
        assertEquals("dpmpp_2m_sde_gpu / Karras", r.unsupported().get("Sampler"));
        assertEquals(Optional.of("dpmpp-2m-karras"), r.scheduler());
        assertTrue(r.unsupported().get("LoRA").contains("sd_xl_offset_example"), r.unsupported().toString());
        assertTrue(r.unsupported().get("Fooocus styles").contains("Fooocus V2"), r.unsupported().toString());
    }

    @Test
    void swarmUiInPngAndInJpegAndWebpExif() throws IOException {
        String swarm = sample("swarmui-parameters.json");
        RecoveredGeneration fromPng = ImageMetadata.read(png("swarm.png", Map.of("parameters", swarm)));
        assertEquals(SourceTool.SWARMUI, fromPng.tool());
        assertEquals("a castle at dusk", fromPng.parameters().prompt());
        assertEquals("fog", fromPng.parameters().negativePrompt());
        assertEquals(Optional.of("euler-a"), fromPng.scheduler());
        assertEquals(1024, fromPng.parameters().width());

        Path jpeg = Files.write(dir.resolve("swarm.jpg"), jpeg(exif(swarm, null, null, false)));
        assertEquals(fromPng.parameters(), ImageMetadata.read(jpeg).parameters());
        Path webp = Files.write(dir.resolve("swarm.webp"), webp(exif(swarm, null, null, true)));
        assertEquals(fromPng.parameters(), ImageMetadata.read(webp).parameters());
    }

    @Test
    void fooocusJpegUsesMakerNoteScheme() throws IOException {
        Path jpeg = Files.write(dir.resolve("fooocus.jpg"),
                jpeg(exif(sample("fooocus-parameters.json"), "Fooocus v2.5.5", "fooocus", false)));
        RecoveredGeneration r = ImageMetadata.read(jpeg);
        assertEquals(SourceTool.FOOOCUS, r.tool());
        assertEquals("a cat in a hat", r.parameters().prompt());
        assertEquals("Fooocus v2.5.5", r.texts().get("Software"));
    }

    @Test
    void atelierImageCarriesFieldsAndLabel() throws IOException {
        PresetPrompt fields = new PresetPrompt("a lighthouse", "wide shot", "watercolor", "golden hour", "", "blurry");
        GenerationParameters params = GenerationParameters.builder().prompt(fields.positive()).negativePrompt("blurry")
                .steps(20).scheduler("dpmpp-2m-karras").cfgScale(7.5).seed(3).size(64, 64).extra("Version", "Atelier").build();
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("parameters", params.format());
        texts.put(ImageMetadata.FIELDS_KEY, ImageMetadata.fieldsJson(fields));
        Path file = dir.resolve("atelier.png");
        PngFiles.write(PIXELS, texts, ProvenanceLabel.atelier("0.1.0", "tiny-shapes", Instant.parse("2026-12-04T10:00:00Z")), file);
        RecoveredGeneration r = ImageMetadata.read(file);
        assertEquals(SourceTool.ATELIER, r.tool());
        assertEquals(fields, r.fields());
        assertEquals(params, r.parameters());
        assertTrue(r.labelled());
        assertTrue(r.unsupported().isEmpty());
    }

    @Test
    void badUtf8InTextIsACleanError() {
        MetadataException e = assertThrows(MetadataException.class,
                () -> ImageMetadata.fromTexts(Map.of("parameters", "a \uFFFD cat")));
        assertTrue(e.getMessage().contains("'parameters'") && e.getMessage().contains("UTF-8"), e.getMessage());
    }

    @Test
    void badUtf8InARealITxtChunkIsACleanError() throws IOException {
        Path file = png("bad-utf8.png", Map.of("parameters", "ぼ cat\nSteps: 20"));
        byte[] bytes = Files.readAllBytes(file);
        int at = indexOf(bytes, "ぼ".getBytes(StandardCharsets.UTF_8));
        bytes[at] = (byte) 0xFF; // not UTF-8 anywhere
        int chunk = indexOf(bytes, "iTXt".getBytes(StandardCharsets.US_ASCII));
        int length = ByteBuffer.wrap(bytes, chunk - 4, 4).getInt();
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bytes, chunk, 4 + length);
        ByteBuffer.wrap(bytes).putInt(chunk + 4 + length, (int) crc.getValue()); // a valid chunk with bad text
        Files.write(file, bytes);
        Exception e = assertThrows(Exception.class, () -> ImageMetadata.read(file));
        assertTrue(e.getMessage().contains("UTF-8"), e.getMessage());
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void imageWithoutMetadataIsUnknown() throws IOException {
        RecoveredGeneration r = ImageMetadata.read(png("plain.png", Map.of()));
        assertEquals(SourceTool.UNKNOWN, r.tool());
        assertNull(r.parameters());
        MetadataException e = assertThrows(MetadataException.class,
                () -> ImageMetadata.read(Files.writeString(dir.resolve("x.gif"), "GIF89a")));
        assertTrue(e.getMessage().contains("not a PNG, JPEG or WebP"), e.getMessage());
    }

    /** A big-endian (or little-endian) TIFF block with Software, an Exif IFD with UserComment (UNICODE) and MakerNote. */
    static byte[] exif(String comment, String software, String makerNote, boolean little) {
        java.nio.ByteOrder order = little ? java.nio.ByteOrder.LITTLE_ENDIAN : java.nio.ByteOrder.BIG_ENDIAN;
        byte[] commentBytes = comment.getBytes(little ? StandardCharsets.UTF_16LE : StandardCharsets.UTF_16BE);
        byte[] userComment = new byte[8 + commentBytes.length];
        System.arraycopy("UNICODE\0".getBytes(StandardCharsets.US_ASCII), 0, userComment, 0, 8);
        System.arraycopy(commentBytes, 0, userComment, 8, commentBytes.length);
        byte[] sw = software == null ? null : (software + "\0").getBytes(StandardCharsets.US_ASCII);
        byte[] mn = makerNote == null ? null : makerNote.getBytes(StandardCharsets.US_ASCII);
        int ifd0Entries = sw == null ? 1 : 2;
        int ifd0 = 8;
        int exifIfd = ifd0 + 2 + 12 * ifd0Entries + 4;
        int exifEntries = mn == null ? 1 : 2;
        int data = exifIfd + 2 + 12 * exifEntries + 4;
        ByteBuffer b = ByteBuffer.allocate(data + userComment.length + 64 + (sw == null ? 0 : sw.length) + (mn == null ? 0 : mn.length)).order(order);
        b.put(little ? (byte) 'I' : (byte) 'M').put(little ? (byte) 'I' : (byte) 'M').putShort((short) 42).putInt(ifd0);
        b.putShort((short) ifd0Entries);
        int swAt = data + userComment.length;
        if (sw != null) {
            b.putShort((short) 0x0131).putShort((short) 2).putInt(sw.length).putInt(swAt);
        }
        b.putShort((short) 0x8769).putShort((short) 4).putInt(1).putInt(exifIfd).putInt(0);
        b.putShort((short) exifEntries);
        b.putShort((short) 0x9286).putShort((short) 7).putInt(userComment.length).putInt(data);
        int mnAt = swAt + (sw == null ? 0 : sw.length);
        if (mn != null) {
            b.putShort((short) 0x927C).putShort((short) 7).putInt(mn.length).putInt(mnAt);
        }
        b.putInt(0).put(userComment);
        if (sw != null) {
            b.put(sw);
        }
        if (mn != null) {
            b.put(mn);
        }
        return java.util.Arrays.copyOf(b.array(), b.position());
    }

    static byte[] jpeg(byte[] tiff) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(0xFF);
        out.write(0xD8);
        out.write(0xFF);
        out.write(0xE1);
        int length = 2 + 6 + tiff.length;
        out.write(length >> 8);
        out.write(length & 0xFF);
        out.writeBytes("Exif\0\0".getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(tiff);
        out.writeBytes(new byte[]{(byte) 0xFF, (byte) 0xD9});
        return out.toByteArray();
    }

    static byte[] webp(byte[] tiff) {
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + tiff.length + 1).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(4 + 8 + tiff.length).put("WEBP".getBytes(StandardCharsets.US_ASCII));
        b.put("EXIF".getBytes(StandardCharsets.US_ASCII)).putInt(tiff.length).put(tiff);
        return java.util.Arrays.copyOf(b.array(), b.position());
    }
}
