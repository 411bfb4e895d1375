package dev.atelier.tokenizer;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Loading small project-format tokenizers, and one clear message for every broken folder. */
class TokenizerFilesTest {
    private static final List<String> MERGES = List.of("c a", "ca t</w>", "d o", "do g</w>", "r e", "re d</w>");

    @Test
    void loadsASmallProjectTokenizerWithSpecialsAsLastIds(@TempDir Path dir) throws IOException {
        Map<String, Integer> vocab = TinyBpeFolder.write(dir, MERGES, "<|endoftext|>");
        try (ClipTokenizer t = ClipTokenizer.load(dir)) {
            assertEquals(vocab.size() - 2, t.bosId());
            assertEquals(vocab.size() - 1, t.eosId());
            assertEquals(t.eosId(), t.padId());
            assertEquals(vocab.size(), t.vocabularySize());
            assertArrayEquals(new int[] {vocab.get("red</w>"), vocab.get("cat</w>"), vocab.get(",</w>"), vocab.get("dog</w>")},
                    t.ids("Red CAT, dog"));
            // "cart" has no merge beyond "ca": c a r t</w> → ca, r, t</w>
            assertArrayEquals(new int[] {vocab.get("ca"), vocab.get("r"), vocab.get("t</w>")}, t.ids("cart"));
            int[] padded = t.encodePadded("cat");
            assertArrayEquals(new int[] {t.bosId(), vocab.get("cat</w>"), t.eosId(), t.padId()}, java.util.Arrays.copyOf(padded, 4));
        }
    }

    @Test
    void padTokenCanBeAnOrdinaryEntry(@TempDir Path dir) throws IOException {
        Map<String, Integer> vocab = TinyBpeFolder.write(dir, MERGES, "!");
        try (ClipTokenizer t = ClipTokenizer.load(dir)) {
            assertEquals(vocab.get("!"), t.padId());
            assertEquals(0, t.padId());
        }
    }

    @Test
    void readsTokenizerJsonWhenVocabJsonIsAbsent(@TempDir Path dir) throws IOException {
        Map<String, Integer> vocab = TinyBpeFolder.write(dir, MERGES, "<|endoftext|>");
        String json = "{\"model\": {\"type\": \"BPE\", \"vocab\": " + Files.readString(dir.resolve("vocab.json"))
                + ", \"merges\": [[\"c\", \"a\"], [\"ca\", \"t</w>\"]]}}";
        Files.writeString(dir.resolve("tokenizer.json"), json);
        Files.delete(dir.resolve("vocab.json"));
        Files.delete(dir.resolve("merges.txt"));
        try (ClipTokenizer t = ClipTokenizer.load(dir)) {
            assertArrayEquals(new int[] {vocab.get("cat</w>"), vocab.get("d"), vocab.get("o"), vocab.get("g</w>")}, t.ids("cat dog"));
        }
    }

    private static String failure(Path dir) {
        return assertThrows(TokenizerException.class, () -> ClipTokenizer.load(dir).close()).getMessage();
    }

    @Test
    void missingFolderOrFilesAreNamed(@TempDir Path dir) throws IOException {
        assertTrue(failure(dir.resolve("nowhere")).contains("Tokenizer folder not found"));
        assertTrue(failure(dir).contains("expected vocab.json + merges.txt or tokenizer.json"));
        TinyBpeFolder.write(dir, MERGES, "<|endoftext|>");
        Files.delete(dir.resolve("merges.txt"));
        String message = failure(dir);
        assertTrue(message.contains("merges.txt") && message.startsWith("Missing"), message);
    }

    @Test
    void corruptVocabularyIsNamed(@TempDir Path dir) throws IOException {
        TinyBpeFolder.write(dir, MERGES, "<|endoftext|>");
        String vocab = Files.readString(dir.resolve("vocab.json"));
        Files.writeString(dir.resolve("vocab.json"), vocab.substring(0, vocab.length() / 2));
        String message = failure(dir);
        assertTrue(message.contains("vocab.json") && message.contains("JSON") && !message.contains("\n"), message);

        Files.writeString(dir.resolve("vocab.json"), "[1, 2, 3]");
        message = failure(dir);
        assertTrue(message.contains("vocab.json") && message.contains("expected a JSON object"), message);

        Files.writeString(dir.resolve("vocab.json"), "{\"a\": \"one\"}");
        message = failure(dir);
        assertTrue(message.contains("vocab.json") && message.contains("non-negative integer"), message);
    }

    @Test
    void corruptMergesAndSpecialsAreNamed(@TempDir Path dir) throws IOException {
        TinyBpeFolder.write(dir, MERGES, "<|endoftext|>");
        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\nc a\nthree parts here\n");
        String message = failure(dir);
        assertTrue(message.contains("merges.txt line 3") && message.contains("two symbols"), message);

        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\nq z\n");
        message = failure(dir);
        assertTrue(message.contains("merges.txt") && message.contains("\"qz\""), message);

        Files.writeString(dir.resolve("merges.txt"), "#version: 0.2\n");
        Files.writeString(dir.resolve("special_tokens_map.json"), "{\"pad_token\": \"<pad>\"}");
        message = failure(dir);
        assertTrue(message.contains("pad_token \"<pad>\"") && message.contains("special_tokens_map.json"), message);
    }
}
