package dev.atelier.tokenizer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The project's own small CLIP-format tokenizers in src/test/resources/fixtures/x/tokenizer. */
class FixtureTokenizersTest {
    private static final Path FIXTURES = Path.of("src", "test", "resources", "fixtures");

    private static List<Path> fixtureModels() throws IOException {
        Assumptions.assumeTrue(Files.isDirectory(FIXTURES), "no fixtures folder");
        List<Path> models;
        try (Stream<Path> s = Files.list(FIXTURES)) {
            models = s.filter(d -> Files.isDirectory(d.resolve("tokenizer"))).sorted().toList();
        }
        Assumptions.assumeFalse(models.isEmpty(), "no fixture tokenizers yet");
        return models;
    }

    /** Byte-level token text back to the UTF-8 text it encodes ({@code </w>} dropped). */
    private static String decode(List<Token> tokens) {
        Map<Integer, Integer> byteOf = new HashMap<>();
        TinyBpeFolder.byteToCharacter().forEach((b, c) -> byteOf.put(c.codePointAt(0), b));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (Token t : tokens) {
            t.text().replace("</w>", "").codePoints().forEach(c -> bytes.write(byteOf.get(c)));
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    @Test
    void specialIdsAgreeWithTheTextEncoderConfig() throws IOException {
        for (Path model : fixtureModels()) {
            try (ClipTokenizer t = ClipTokenizer.load(model.resolve("tokenizer"))) {
                assertEquals(t.vocabularySize() - 2, t.bosId(), model + ": bos is the second-last id");
                assertEquals(t.vocabularySize() - 1, t.eosId(), model + ": eos is the last id");
                Path config = model.resolve("text_encoder").resolve("config.json");
                if (Files.exists(config)) {
                    JsonNode c = new ObjectMapper().readTree(config.toFile());
                    assertEquals(c.path("bos_token_id").asInt(), t.bosId(), model + " bos_token_id");
                    assertEquals(c.path("eos_token_id").asInt(), t.eosId(), model + " eos_token_id");
                    assertEquals(c.path("pad_token_id").asInt(t.padId()), t.padId(), model + " pad_token_id");
                    assertEquals(c.path("vocab_size").asInt(t.vocabularySize()), t.vocabularySize(), model + " vocab_size");
                }
            }
        }
    }

    @Test
    void tokensSpellTheNormalisedText() throws IOException {
        for (Path model : fixtureModels()) {
            try (ClipTokenizer t = ClipTokenizer.load(model.resolve("tokenizer"))) {
                for (String text : List.of("A red Circle on a blue background", "(masterpiece:1.2), 1girl!!", "😀 日本語 naïve")) {
                    List<Token> tokens = t.tokenize(text);
                    String expected = Normalizer.normalize(text, Normalizer.Form.NFC).toLowerCase(Locale.ROOT).replaceAll("\\s+", "");
                    assertEquals(expected, decode(tokens), model + ": " + text);
                    assertTrue(tokens.stream().allMatch(k -> k.id() < t.bosId()), "ordinary text never yields special ids");
                    assertEquals(77, t.encodePadded(text).length);
                }
            }
        }
    }
}
