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

/** The hand-written vocab.json reader: JSON strings exactly as JSON defines them, and one line per defect. */
class VocabJsonTest {
    private static final Path FILE = Path.of("tok", "vocab.json");

    private static String fails(String text) {
        String message = assertThrows(TokenizerException.class, () -> VocabJson.parse(FILE, text)).getMessage();
        assertTrue(message.contains("vocab.json") && !message.contains("\n"), message);
        return message;
    }

    @Test
    void readsEscapesAndKeepsTheObjectTextVerbatim() {
        String text = "\uFEFF {\"a\\\"b\": 0, \"\\u00e9\\n\": 1,\n \"\\ud83d\\ude00\\\\/\\/\":2,\"plain\u0120\":3 }\n";
        VocabJson.Parsed parsed = VocabJson.parse(FILE, text);
        assertEquals(Map.of("a\"b", 0, "é\n", 1, "\uD83D\uDE00\\//", 2, "plain\u0120", 3), parsed.vocab());
        assertEquals(text.substring(text.indexOf('{'), text.lastIndexOf('}') + 1), parsed.objectText());
    }

    @Test
    void refusesWhatIsNotAnObjectOfIds() {
        assertTrue(fails("[1, 2]").contains("expected a JSON object"));
        assertTrue(fails("{}").contains("expected a JSON object"));
        assertTrue(fails("{\"a\": 1, \"a\": 2}").contains("\"a\" appears twice"));
        for (String id : List.of("-1", "1.5", "1e3", "01", "\"1\"", "null", "1000000")) {
            String message = fails("{\"a\": " + id + "}");
            assertTrue(message.contains("non-negative integer below 1000000") && message.contains("has id " + id), message);
        }
        assertTrue(fails("{\"a\": 1} x").contains("nothing after the object"));
        assertTrue(fails("{\"a\": 1 \"b\": 2}").contains("expected ',' or '}'"));
        assertTrue(fails("{\"a\" 1}").contains("expected ':'"));
        assertTrue(fails("{\"a\\q\": 1}").contains("unknown escape"));
        assertTrue(fails("{\"a\\u12\": 1}").contains("hex digits"));
        assertTrue(fails("{\"a\tb\": 1}").contains("control character"));
        String cut = fails("{\"a\": 1,\n \"bc");
        assertTrue(cut.contains("Cannot parse") && cut.contains("end of the file") && cut.contains("line 2"), cut);
    }

    @Test
    void aVocabularyWithEscapedKeysTokenizesLikeThePlainOne(@TempDir Path dir) throws IOException {
        List<String> merges = List.of("c a", "ca t</w>");
        Map<String, Integer> vocab = TinyBpeFolder.write(dir, merges, "<|endoftext|>");
        int[] plain;
        try (ClipTokenizer t = ClipTokenizer.load(dir)) {
            plain = t.ids("cat \"cat\"");
        }
        // the same vocabulary with every key written as \\u escapes: the native side must decode them alike
        StringBuilder escaped = new StringBuilder("{");
        vocab.forEach((token, id) -> {
            escaped.append(escaped.length() > 1 ? ",\n" : "").append('"');
            token.chars().forEach(c -> escaped.append(String.format("\\u%04x", c)));
            escaped.append("\": ").append(id);
        });
        Files.writeString(dir.resolve("vocab.json"), escaped.append('}'));
        try (ClipTokenizer t = ClipTokenizer.load(dir)) {
            assertArrayEquals(plain, t.ids("cat \"cat\""));
            assertEquals(vocab.get("cat</w>"), t.ids("cat")[0]);
        }
    }

    @Test
    void aClosedTokenizerRefusesInsteadOfReachingFreedMemory(@TempDir Path dir) throws IOException {
        TinyBpeFolder.write(dir, List.of("c a"), "<|endoftext|>");
        ClipTokenizer t = ClipTokenizer.load(dir);
        t.close();
        assertThrows(IllegalStateException.class, () -> t.ids("ca"));
    }
}
