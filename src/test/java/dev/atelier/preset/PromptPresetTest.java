package dev.atelier.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PromptPresetTest {
    private static final Path FORMATS = Path.of("..", "shared", "reference", "FORMATS.md");

    @Test
    void placeholderIsReplacedEverywhere() {
        assertEquals("photo of a cat, a cat in focus", PromptPreset.merge("photo of {prompt}, {prompt} in focus", "a cat"));
    }

    @Test
    void withoutPlaceholderTheStyleIsAppendedAfterStripping() {
        assertEquals("a cat, oil painting", PromptPreset.merge("  oil painting ", " a cat "));
        assertEquals("oil painting", PromptPreset.merge("oil painting", "   "));
        assertEquals("a cat", PromptPreset.merge("", "a cat "));
        assertEquals("", PromptPreset.merge(" ", ""));
    }

    @Test
    void presetsApplyInSelectionOrderToBothPrompts() {
        PromptPreset film = new PromptPreset("film", "film photo of {prompt}", "cartoon");
        PromptPreset sharp = new PromptPreset("sharp", "sharp focus", "blurry, {prompt}");
        StyledPrompt out = PromptPreset.applyAll(List.of(film, sharp), new StyledPrompt("a cat", "dog"));
        assertEquals("film photo of a cat, sharp focus", out.prompt());
        assertEquals("blurry, dog, cartoon", out.negativePrompt());
    }

    @Test
    void extractUndoesApply() {
        PromptPreset film = new PromptPreset("film", "film photo of {prompt}, grainy", "cartoon");
        StyledPrompt user = new StyledPrompt("a cat", "dog");
        assertEquals(Optional.of(user), film.extractFrom(film.applyTo(user)));
        PromptPreset appended = new PromptPreset("sharp", "sharp focus", "");
        assertEquals(Optional.of(new StyledPrompt("a cat", "dog")),
                appended.extractFrom(appended.applyTo(user)));
    }

    @Test
    void extractNeedsBothPromptsToCarryThePreset() {
        PromptPreset film = new PromptPreset("film", "film photo of {prompt}", "cartoon");
        assertEquals(Optional.empty(), film.extractFrom(new StyledPrompt("a cat", "dog, cartoon")));
        assertEquals(Optional.empty(), film.extractFrom(new StyledPrompt("film photo of a cat", "dog")));
        assertEquals(Optional.empty(), new PromptPreset("empty", "", "").extractFrom(new StyledPrompt("a", "b")));
    }

    @Test
    void fooocusStyleExampleFromReference() throws IOException {
        assumeTrue(Files.isRegularFile(FORMATS), "reference FORMATS.md not available");
        Matcher m = Pattern.compile("Example: `(\\{\"name\": \"sai-analog film\".*?})`").matcher(Files.readString(FORMATS));
        assertTrue(m.find(), "Fooocus style example in FORMATS.md");
        JsonNode style = new ObjectMapper().readTree(m.group(1));
        PromptPreset preset = new PromptPreset(style.get("name").asText(), style.get("prompt").asText(),
                style.get("negative_prompt").asText());
        StyledPrompt styled = preset.applyTo(new StyledPrompt("a lighthouse", ""));
        String template = style.get("prompt").asText();
        assertEquals(template.substring(0, template.indexOf("{prompt}")) + "a lighthouse"
                + template.substring(template.indexOf("{prompt}") + 8), styled.prompt());
        assertEquals(style.get("negative_prompt").asText(), styled.negativePrompt());
        assertEquals("a lighthouse", preset.extractFrom(styled).orElseThrow().prompt());
    }

    @Test
    void blankNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PromptPreset(" ", "a", "b"));
        assertTrue(e.getMessage().contains("name"), e.getMessage());
        assertEquals("", new PromptPreset("n", null, null).prompt());
    }
}
