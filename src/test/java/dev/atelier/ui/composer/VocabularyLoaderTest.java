package dev.atelier.ui.composer;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class VocabularyLoaderTest {
    private static final String SHAPES = """
            {"subject": {"size": ["small", "large"], "color": ["red", "blue"], "shape": ["star", "circle"],
                         "background": ["red", "blue", "gray"]},
             "composition": ["centered", "top left"], "style": ["flat", "watercolor"],
             "lighting": ["soft light", "golden hour"], "negative": ["outline"],
             "template": "a {size} {color} {shape} on a {background} background"}
            """;

    private final VocabularyLoader loader = new VocabularyLoader(new ObjectMapper());

    @Test
    void readsTheModelsOwnVocabulary(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("prompt_vocabulary.json"), SHAPES);
        Vocabulary v = loader.forModel(dir);
        assertTrue(v.fromModel());
        assertEquals(List.of("flat", "watercolor"), v.wordsOf(ComposerField.STYLE));
        assertEquals(List.of("centered", "top left"), v.wordsOf(ComposerField.COMPOSITION));
        assertEquals(List.of("outline"), v.wordsOf(ComposerField.NEGATIVE));
        assertEquals(List.of("size", "color", "shape", "background"), List.copyOf(v.subjectParts().keySet()));
    }

    @Test
    void fallsBackToTheGeneralListWithGroups(@TempDir Path dir) {
        Vocabulary v = loader.forModel(dir);
        assertFalse(v.fromModel());
        assertTrue(v.groupsOf(ComposerField.STYLE).containsKey("medium"));
        assertTrue(v.groupsOf(ComposerField.STYLE).containsKey("palette"));
        assertTrue(v.groupsOf(ComposerField.COMPOSITION).containsKey("lens"));
        assertTrue(v.wordsOf(ComposerField.LIGHTING).contains("golden hour"));
    }

    @Test
    void unreadableFileFallsBackInsteadOfFailing(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("prompt_vocabulary.json"), "{ not json");
        assertFalse(loader.forModel(dir).fromModel());
    }

    @Test
    void templateFillsAndParsesBack(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("prompt_vocabulary.json"), SHAPES);
        Vocabulary v = loader.forModel(dir);
        String subject = v.fillTemplate(Map.of("size", "large", "color", "red", "shape", "star", "background", "blue"));
        assertEquals("a large red star on a blue background", subject);
        assertEquals(Map.of("size", "large", "color", "red", "shape", "star", "background", "blue"), v.parseSubject(subject));
        assertEquals("a star on a gray background", v.fillTemplate(Map.of("shape", "star", "background", "gray")));
        assertEquals("", v.parseSubject("a red star on a blue background").get("size"));
        assertTrue(v.parseSubject("something else entirely").isEmpty());
    }
}
