package dev.atelier.tokenizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Tokenizer files that would hang the reader or exhaust memory are refused with one line (issue 15). */
class HostileTokenizerFilesTest {
    private static final List<String> MERGES = List.of("c a", "ca t</w>");

    @TempDir
    Path dir;

    private String fails() {
        TokenizerException e = assertThrows(TokenizerException.class, () -> TokenizerFiles.read(dir));
        assertFalse(e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    @Timeout(value = 60, unit = TimeUnit.SECONDS) // guards against a hang only
    void devZeroAndFifosAreNotRead() throws Exception {
        TinyBpeFolder.write(dir, MERGES, "<|endoftext|>");
        Path merges = dir.resolve("merges.txt");
        Files.delete(merges);
        Files.createSymbolicLink(merges, Path.of("/dev/zero"));
        String message = fails();
        assertTrue(message.contains("merges.txt") && message.contains("not a regular file"), message);
        Files.delete(merges);
        Process p = new ProcessBuilder("mkfifo", merges.toString()).start();
        assumeTrue(p.waitFor() == 0, "mkfifo is not available");
        assertTrue(fails().contains("not a regular file"));
    }

    @Test
    void aHugeMergesFileIsRefusedBySize() throws IOException {
        TinyBpeFolder.write(dir, MERGES, "<|endoftext|>");
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("merges.txt").toFile(), "rw")) {
            f.setLength(10L << 30); // sparse
        }
        assertTrue(fails().contains("expected at most"));
    }

    @Test
    void badBytesAndNullsNameTheFile() throws IOException {
        TinyBpeFolder.write(dir, MERGES, "<|endoftext|>");
        Files.write(dir.resolve("merges.txt"), new byte[] {'c', ' ', (byte) 0xC3, '\n'});
        assertTrue(fails().contains("not UTF-8"));
        TinyBpeFolder.write(dir, MERGES, "<|endoftext|>");
        Files.writeString(dir.resolve("vocab.json"), "null");
        assertTrue(fails().contains("vocab.json"));
        TinyBpeFolder.write(dir, MERGES, "<|endoftext|>");
        Files.writeString(dir.resolve("special_tokens_map.json"), "null"); // no settings: defaults
        TokenizerFiles.read(dir);
    }

    @Test
    void idsAndLongLinesAreBounded() throws IOException {
        TinyBpeFolder.write(dir, MERGES, "<|endoftext|>");
        Files.writeString(dir.resolve("vocab.json"), "{\"a\": 2147483647}");
        assertTrue(fails().contains("non-negative integer below"));
        TinyBpeFolder.write(dir, MERGES, "<|endoftext|>");
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n" + "x".repeat(1_000_000) + "\n");
        String message = fails();
        assertTrue(message.length() < 1000 && message.contains("(1000000 characters)"), message);
    }
}
