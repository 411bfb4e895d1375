package dev.atelier.tokenizer;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the shared reference oracles (absent in a user's clone, so tests skip) and builds test tokenizer folders. */
public final class ReferenceTokenizers {
    private static final Path REFERENCE = Path.of("..", "shared", "reference");

    private ReferenceTokenizers() {
    }

    /** {@code ../shared/reference}, or the test is skipped. */
    public static Path referenceDir() {
        Assumptions.assumeTrue(Files.isDirectory(REFERENCE), "../shared/reference is absent");
        return REFERENCE;
    }

    /** The real SD 1.x CLIP tokenizer folder, or the test is skipped. */
    public static Path clipTokenizerDir() {
        Path dir = referenceDir().resolve("clip-tokenizer");
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("vocab.json")), "shared clip-tokenizer is absent");
        return dir;
    }

    /** A temp copy of the SD 1.x tokenizer whose {@code special_tokens_map.json} names {@code padToken} (SD 2.x style). */
    public static Path clipTokenizerWithPad(Path tempDir, String padTokenJson) throws IOException {
        Path source = clipTokenizerDir();
        Path dir = Files.createDirectories(tempDir.resolve("tokenizer"));
        Files.createSymbolicLink(dir.resolve("vocab.json"), source.toAbsolutePath().resolve("vocab.json"));
        Files.createSymbolicLink(dir.resolve("merges.txt"), source.toAbsolutePath().resolve("merges.txt"));
        Files.writeString(dir.resolve("special_tokens_map.json"), """
                {"bos_token": "<|startoftext|>", "eos_token": "<|endoftext|>", "unk_token": "<|endoftext|>", "pad_token": %s}
                """.formatted(padTokenJson));
        return dir;
    }

    /** Test text as an escaped Java-like literal, for readable assertion messages. */
    public static String quote(String s) {
        return "\"" + s.replace("\n", "\\n").replace("\t", "\\t") + "\"";
    }
}
