package dev.atelier.image;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeFalse;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PngFilesTest {
    @TempDir
    Path dir;

    private static PixelImage noise(int w, int h, long seed) {
        byte[] rgb = new byte[w * h * 3];
        new Random(seed).nextBytes(rgb);
        return new PixelImage(w, h, rgb);
    }

    /** Chunk types of a PNG file in order, read straight from the bytes. */
    private static List<String> chunkTypes(byte[] png) {
        List<String> types = new ArrayList<>();
        ByteBuffer buf = ByteBuffer.wrap(png, 8, png.length - 8);
        while (buf.remaining() >= 12) {
            int length = buf.getInt();
            byte[] type = new byte[4];
            buf.get(type);
            types.add(new String(type, StandardCharsets.US_ASCII));
            buf.position(buf.position() + length + 4);
        }
        return types;
    }

    @Test
    void roundTripsPixelsAndLatin1ParametersAsTextChunk() throws IOException {
        PixelImage image = noise(37, 21, 1);
        String parameters = "a café, naïve\nNegative prompt: blur\nSteps: 20, Sampler: Euler, Seed: 1";
        Path out = dir.resolve("a.png");
        PngFiles.write(image, parameters, out);
        PngContents read = PngFiles.read(out);
        assertArrayEquals(image.rgb(), read.image().rgb());
        assertEquals(37, read.image().width());
        assertEquals(parameters, read.parameters().orElseThrow());
        List<String> chunks = chunkTypes(Files.readAllBytes(out));
        assertTrue(chunks.contains("tEXt"), chunks.toString());
        assertFalse(chunks.contains("iTXt"), chunks.toString());
        assertTrue(chunks.indexOf("tEXt") < chunks.indexOf("IDAT"), "text before image data: " + chunks);
    }

    @Test
    void nonLatin1ParametersGoToUncompressedUtf8Itxt() throws IOException {
        String parameters = "猫と桜 — ✨\nSteps: 20, Sampler: Euler, Seed: 1";
        Path out = dir.resolve("b.png");
        PngFiles.write(noise(8, 8, 2), parameters, out);
        byte[] bytes = Files.readAllBytes(out);
        List<String> chunks = chunkTypes(bytes);
        assertTrue(chunks.contains("iTXt") && !chunks.contains("tEXt"), chunks.toString());
        // uncompressed: the UTF-8 text is in the file as is
        String raw = new String(bytes, StandardCharsets.UTF_8);
        assertTrue(raw.contains("parameters\0\0\0\0\0" + parameters), "iTXt layout as Pillow writes it");
        assertEquals(parameters, PngFiles.read(out).parameters().orElseThrow());
    }

    @Test
    void identicalInputGivesIdenticalBytesWithoutTimeChunk() throws IOException {
        PixelImage image = noise(64, 48, 3);
        GenerationParameters p = GenerationParameters.builder().prompt("x").steps(2).seed(5).size(64, 48).build();
        PngFiles.write(image, p.format(), dir.resolve("1.png"));
        PngFiles.write(new PixelImage(64, 48, image.rgb().clone()), p.format(), dir.resolve("2.png"));
        byte[] first = Files.readAllBytes(dir.resolve("1.png"));
        assertArrayEquals(first, Files.readAllBytes(dir.resolve("2.png")));
        assertFalse(chunkTypes(first).contains("tIME"));
        assertEquals(p, PngFiles.read(dir.resolve("1.png")).generationParameters().orElseThrow());
    }

    @Test
    void overwritesAtomicallyAndLeavesNoTempFiles() throws IOException {
        Path out = dir.resolve("same.png");
        PngFiles.write(noise(4, 4, 4), "first", out);
        PngFiles.write(noise(5, 3, 5), "second", out);
        assertEquals("second", PngFiles.read(out).parameters().orElseThrow());
        try (var files = Files.list(dir)) {
            assertEquals(List.of(out), files.toList());
        }
    }

    @Test
    void writesWithoutParametersAndWithSeveralChunks() throws IOException {
        Path plain = dir.resolve("plain.png");
        PngFiles.write(noise(3, 3, 6), (String) null, plain);
        assertTrue(PngFiles.read(plain).texts().isEmpty());
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put("parameters", "p");
        texts.put("Software", "Atelier");
        Path two = dir.resolve("two.png");
        PngFiles.write(noise(3, 3, 6), texts, two);
        assertEquals(texts, PngFiles.read(two).texts());
    }

    @Test
    void missingFolderIsNamed() {
        Path out = dir.resolve("nope").resolve("x.png");
        IOException e = assertThrows(IOException.class, () -> PngFiles.write(noise(2, 2, 7), "p", out));
        assertTrue(e.getMessage().contains(out.toString()) && e.getMessage().contains("does not exist"), e.getMessage());
    }

    @Test
    void readOnlyFolderIsNamed() throws IOException {
        Path locked = Files.createDirectory(dir.resolve("locked"));
        assumeTrue(Files.getFileStore(locked).supportsFileAttributeView("posix"), "needs POSIX permissions");
        Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("r-xr-xr-x"));
        try {
            assumeFalse(Files.isWritable(locked), "running as a user who can write anywhere (root)");
            IOException e = assertThrows(IOException.class,
                    () -> PngFiles.write(noise(2, 2, 8), "p", locked.resolve("x.png")));
            assertTrue(e.getMessage().contains("not writable"), e.getMessage());
        } finally {
            Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
    }

    @Test
    void targetThatIsAFolderIsNamed() throws IOException {
        Path folder = Files.createDirectory(dir.resolve("image.png"));
        IOException e = assertThrows(IOException.class, () -> PngFiles.write(noise(2, 2, 9), "p", folder));
        assertTrue(e.getMessage().contains(folder.toString()) && e.getMessage().contains("folder"), e.getMessage());
    }

    @Test
    void readErrorsNameTheFile() throws IOException {
        Path missing = dir.resolve("missing.png");
        IOException e1 = assertThrows(IOException.class, () -> PngFiles.read(missing));
        assertTrue(e1.getMessage().contains(missing.toString()), e1.getMessage());
        Path text = Files.writeString(dir.resolve("text.png"), "not an image");
        IOException e2 = assertThrows(IOException.class, () -> PngFiles.read(text));
        assertTrue(e2.getMessage().contains(text.toString()) && e2.getMessage().contains("not a PNG"), e2.getMessage());
        Path truncated = dir.resolve("truncated.png");
        PngFiles.write(noise(32, 32, 10), "p", truncated);
        byte[] bytes = Files.readAllBytes(truncated);
        Files.write(truncated, Arrays.copyOf(bytes, bytes.length / 2));
        IOException e3 = assertThrows(IOException.class, () -> PngFiles.read(truncated));
        assertTrue(e3.getMessage().contains(truncated.toString()), e3.getMessage());
    }

    @Test
    void readsCompressedTextChunksWrittenByOtherTools() throws IOException {
        // hand-built PNG: 1x1 RGB, a compressed iTXt chunk (Pillow with zip=True) and a zTXt after IDAT
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(1).putInt(1).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        chunk(png, "iTXt", concat("parameters\0\1\0\0\0".getBytes(StandardCharsets.ISO_8859_1),
                deflate("桜\nSteps: 3, Sampler: Euler, Seed: 9".getBytes(StandardCharsets.UTF_8))));
        chunk(png, "IDAT", deflate(new byte[]{0, (byte) 200, 100, 50}));
        chunk(png, "zTXt", concat("Comment\0\0".getBytes(StandardCharsets.ISO_8859_1), // after the pixels
                deflate("zipped latin-1 é".getBytes(StandardCharsets.ISO_8859_1))));
        chunk(png, "IEND", new byte[0]);
        Path file = Files.write(dir.resolve("foreign.png"), png.toByteArray());
        PngContents read = PngFiles.read(file);
        assertEquals(0xC86432, read.image().rgbAt(0, 0));
        assertEquals("zipped latin-1 é", read.texts().get("Comment"));
        GenerationParameters p = read.generationParameters().orElseThrow();
        assertEquals("桜", p.prompt());
        assertEquals(9L, p.seed());
    }

    /** A 1x1 RGB PNG with the given extra chunks before IDAT. */
    private static byte[] tinyPng(byte[][] extra, String... extraTypes) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        png.write(new byte[]{(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'});
        chunk(png, "IHDR", ByteBuffer.allocate(13).putInt(1).putInt(1).put((byte) 8).put((byte) 2)
                .put((byte) 0).put((byte) 0).put((byte) 0).array());
        for (int i = 0; i < extra.length; i++) {
            chunk(png, extraTypes[i], extra[i]);
        }
        chunk(png, "IDAT", deflate(new byte[]{0, (byte) 200, 100, 50}));
        chunk(png, "IEND", new byte[0]);
        return png.toByteArray();
    }

    private IOException readFails(Path file) {
        IOException e = assertThrows(IOException.class, () -> PngFiles.read(file));
        assertTrue(e.getMessage().contains(file.toString()) && !e.getMessage().contains("\n"), e.getMessage());
        return e;
    }

    @Test
    void truncationAndCrcErrorsAreOneLine() throws IOException {
        Path file = dir.resolve("a.png");
        PngFiles.write(noise(16, 16, 3), "p", file);
        byte[] bytes = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(bytes, bytes.length - 6));
        assertTrue(readFails(file).getMessage().contains("truncated"));
        byte[] flipped = bytes.clone();
        flipped[flipped.length - 20] ^= 0x40; // inside the IDAT data
        Files.write(file, flipped);
        assertTrue(readFails(file).getMessage().contains("CRC error in chunk \"IDAT\""));
    }

    @Test
    void textThatInflatesPastTheCapIsSkippedAndTheRestRead() throws IOException {
        byte[] bomb = concat("bomb\0\0".getBytes(StandardCharsets.ISO_8859_1), deflate(new byte[4 << 20]));
        byte[] badUtf8 = concat("bad\0\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1), new byte[]{'a', (byte) 0xC3, '(', 'b'});
        byte[] good = "parameters\0Steps: 3, Sampler: Euler, Seed: 9".getBytes(StandardCharsets.ISO_8859_1);
        Path file = Files.write(dir.resolve("bomb.png"), tinyPng(new byte[][]{bomb, badUtf8, good}, "zTXt", "iTXt", "tEXt"));
        PngContents read = PngFiles.read(file);
        assertEquals(0xC86432, read.image().rgbAt(0, 0));
        assertEquals(Map.of("parameters", "Steps: 3, Sampler: Euler, Seed: 9"), read.texts());
        // just under the cap is kept
        byte[] big = concat("big\0\0".getBytes(StandardCharsets.ISO_8859_1), deflate(new byte[PngTextReader.MAX_TEXT_BYTES]));
        Files.write(file, tinyPng(new byte[][]{big}, "zTXt"));
        assertEquals(PngTextReader.MAX_TEXT_BYTES, PngFiles.read(file).texts().get("big").length());
    }

    @Test
    void anImageTooLargeToDecodeIsRefusedFromItsHeader() throws IOException {
        byte[] png = tinyPng(new byte[0][]);
        ByteBuffer.wrap(png, 16, 8).putInt(100_000).putInt(100_000);
        CRC32 crc = new CRC32();
        crc.update(png, 12, 17);
        ByteBuffer.wrap(png, 29, 4).putInt((int) crc.getValue());
        Path file = Files.write(dir.resolve("huge.png"), png);
        assertTrue(readFails(file).getMessage().contains("100000x100000 pixels; expected at most"));
    }

    @Test
    void aFifoIsNotRead() throws Exception {
        Path fifo = dir.resolve("fifo.png");
        Process p = new ProcessBuilder("mkfifo", fifo.toString()).start();
        assumeTrue(p.waitFor() == 0, "mkfifo is not available");
        assertTrue(readFails(fifo).getMessage().contains("not a regular file"));
    }

    private static void chunk(ByteArrayOutputStream out, String type, byte[] data) throws IOException {
        byte[] typeBytes = type.getBytes(StandardCharsets.US_ASCII);
        out.write(ByteBuffer.allocate(4).putInt(data.length).array());
        out.write(typeBytes);
        out.write(data);
        CRC32 crc = new CRC32();
        crc.update(typeBytes);
        crc.update(data);
        out.write(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }

    private static byte[] deflate(byte[] data) {
        Deflater deflater = new Deflater();
        deflater.setInput(data);
        deflater.finish();
        byte[] buf = new byte[data.length + 64];
        int n = deflater.deflate(buf);
        deflater.end();
        return Arrays.copyOf(buf, n);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
