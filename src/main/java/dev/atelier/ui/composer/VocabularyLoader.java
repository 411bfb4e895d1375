package dev.atelier.ui.composer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads a model's {@code prompt_vocabulary.json}, or falls back to the built-in general list of words
 * designers use with real models (medium, palette, quality, lens, framing, lighting).
 */
public final class VocabularyLoader {
    static final String FILE_NAME = "prompt_vocabulary.json";
    private static final String GENERAL = "general-vocabulary.json";
    private static final Logger LOG = LoggerFactory.getLogger(VocabularyLoader.class);

    private final ObjectMapper json;

    public VocabularyLoader(ObjectMapper json) {
        this.json = json;
    }

    /** The model's own words when its folder has them (and they parse), else the general list. */
    public Vocabulary forModel(Path modelDir) {
        if (modelDir != null) {
            Path file = modelDir.resolve(FILE_NAME);
            if (Files.isRegularFile(file)) {
                try {
                    return parse(json.readTree(file.toFile()), modelDir.getFileName().toString(), true);
                } catch (IOException | RuntimeException e) {
                    LOG.warn("Ignoring unreadable {}: {}", file, e.getMessage());
                }
            }
        }
        return general();
    }

    public Vocabulary general() {
        try (InputStream in = VocabularyLoader.class.getResourceAsStream(GENERAL)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + GENERAL + " next to " + VocabularyLoader.class);
            }
            return parse(json.readTree(in), "general list", false);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Parses either shape a field may take: a flat array of words (the model format) or an object of
     * named groups (the general list).
     */
    Vocabulary parse(JsonNode root, String source, boolean fromModel) {
        Map<String, List<String>> subject = groups(root.path("subject"), "subject");
        Map<ComposerField, Map<String, List<String>>> groups = new EnumMap<>(ComposerField.class);
        putGroups(groups, root, "composition", ComposerField.COMPOSITION);
        putGroups(groups, root, "style", ComposerField.STYLE);
        putGroups(groups, root, "lighting", ComposerField.LIGHTING);
        putGroups(groups, root, "negative", ComposerField.NEGATIVE);
        return new Vocabulary(source, fromModel, subject, root.path("template").asText(""), groups);
    }

    private static void putGroups(Map<ComposerField, Map<String, List<String>>> into, JsonNode root, String key,
                                  ComposerField field) {
        Map<String, List<String>> g = groups(root.path(key), key);
        if (!g.isEmpty()) {
            into.put(field, g);
        }
    }

    private static Map<String, List<String>> groups(JsonNode node, String name) {
        Map<String, List<String>> out = new LinkedHashMap<>();
        if (node.isArray()) {
            out.put(name, words(node));
        } else if (node.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                out.put(e.getKey(), words(e.getValue()));
            }
        }
        out.values().removeIf(List::isEmpty);
        return out;
    }

    private static List<String> words(JsonNode array) {
        List<String> words = new ArrayList<>();
        array.forEach(n -> {
            String w = n.asText("").strip();
            if (!w.isEmpty()) {
                words.add(w);
            }
        });
        return words;
    }
}
