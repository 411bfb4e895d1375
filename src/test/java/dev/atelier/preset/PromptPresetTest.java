package dev.atelier.preset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptPresetTest {

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
    void fooocusStyleExample() throws IOException {
        // sai-analog film from Fooocus' sdxl_styles/sdxl_styles_sai.json, pinned in test resources
        try (var in = PromptPresetTest.class.getResourceAsStream("/preset/fooocus-styles.json")) {
            JsonNode style = new ObjectMapper().readTree(in).get(0);
            PromptPreset preset = new PromptPreset(style.get("name").asText(), style.get("prompt").asText(),
                    style.get("negative_prompt").asText());
            StyledPrompt styled = preset.applyTo(new StyledPrompt("a lighthouse", ""));
            assertEquals("analog film photo a lighthouse . faded film, desaturated, 35mm photo, grainy, vignette, vintage, "
                    + "Kodachrome, Lomography, stained, highly detailed, found footage", styled.prompt());
            assertEquals(style.get("negative_prompt").asText(), styled.negativePrompt());
            assertEquals("a lighthouse", preset.extractFrom(styled).orElseThrow().prompt());
        }
    }

    @Test
    void blankNameIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new PromptPreset(" ", "a", "b"));
        assertTrue(e.getMessage().contains("name"), e.getMessage());
        assertEquals("", new PromptPreset("n", null, null).prompt());
    }
}
