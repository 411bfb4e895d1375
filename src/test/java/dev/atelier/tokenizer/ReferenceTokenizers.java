package dev.atelier.tokenizer;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;

/** Locates the pinned reference oracles of {@code src/test/resources/reference} and builds test tokenizer folders. */
public final class ReferenceTokenizers {
    private ReferenceTokenizers() {
    }

    /** The test-classpath folder {@code reference/} (samples pinned from the shared reference notes, see its README). */
    public static Path referenceDir() {
        URL readme = ReferenceTokenizers.class.getResource("/reference/README.md");
        if (readme == null) {
            throw new AssertionError("test resource /reference/README.md is missing");
        }
        try {
            return Path.of(readme.toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(readme + " is not a file", e);
        }
    }

    /** The real SD 1.x CLIP tokenizer folder (vocab.json, merges.txt, Hugging Face configs). */
    public static Path clipTokenizerDir() {
        Path dir = referenceDir().resolve("clip-tokenizer");
        if (!Files.isRegularFile(dir.resolve("vocab.json"))) {
            throw new AssertionError("test resource " + dir.resolve("vocab.json") + " is missing");
        }
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
