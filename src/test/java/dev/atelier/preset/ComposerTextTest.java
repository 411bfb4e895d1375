package dev.atelier.preset;

import dev.atelier.prompt.PromptField;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ComposerTextTest {
    private static final ComposerText TYPED = ComposerText.of(new PresetPrompt("a lighthouse", "wide shot", "", "golden hour", "", "blurry"));

    @Test
    void structuredPresetWorksFieldByField() {
        Preset preset = new Preset("p", new PresetPrompt("", "", "watercolor", "soft {prompt}", "", "text"), null,
                JoinRule.A1111, List.of(), "", null, false, "");
        ComposerText out = TYPED.apply(preset);
        assertEquals("a lighthouse", out.field(PresetPrompt.SUBJECT));
        assertEquals("watercolor", out.field(PresetPrompt.STYLE));
        assertEquals("soft golden hour", out.field(PresetPrompt.LIGHTING));
        assertEquals("blurry, text", out.negative());
    }

    @Test
    void a1111StyleWrapsTheAssembledPromptAndKeepsFields() {
        Preset film = Preset.style("film", "analog film photo {prompt} . grainy", "cartoon", JoinRule.A1111);
        ComposerText out = TYPED.apply(film);
        assertEquals("analog film photo a lighthouse, wide shot, golden hour . grainy", out.assembly().prompt());
        assertEquals("analog film photo a lighthouse", out.field(PresetPrompt.SUBJECT));
        assertEquals("golden hour . grainy", out.field(PresetPrompt.LIGHTING));
        // same as A1111's merge on the assembled prompt
        assertEquals(PromptPreset.merge(film.prompt().freeText(), TYPED.assembly().prompt()), out.assembly().prompt());
    }

    @Test
    void stylesWithoutPlaceholderFollowTheirTool() {
        String assembled = TYPED.assembly().prompt();
        assertEquals(assembled + ", sharp focus",
                TYPED.apply(Preset.style("a", "sharp focus", "", JoinRule.A1111)).assembly().prompt());
        assertEquals(assembled + " sharp focus",
                TYPED.apply(Preset.style("i", "sharp focus", "", JoinRule.INVOKEAI)).assembly().prompt());
        assertEquals("sharp focus", TYPED.apply(Preset.style("f", "sharp focus", "", JoinRule.FOOOCUS)).assembly().prompt());
        assertEquals("sharp focus", TYPED.apply(Preset.style("s", "sharp focus", "", JoinRule.SWARMUI)).assembly().prompt());
    }

    @Test
    void severalStylesApplyInOrderLikeA1111() {
        Preset film = Preset.style("film", "film photo of {prompt}", "cartoon", JoinRule.A1111);
        Preset sharp = Preset.style("sharp", "sharp focus", "blurry, {prompt}", JoinRule.A1111);
        ComposerText start = new ComposerText(List.of(new PromptField(PresetPrompt.SUBJECT, "a cat")), "dog");
        ComposerText out = start.applyAll(List.of(film, sharp));
        StyledPrompt a1111 = PromptPreset.applyAll(List.of(new PromptPreset("film", "film photo of {prompt}", "cartoon"),
                new PromptPreset("sharp", "sharp focus", "blurry, {prompt}")), new StyledPrompt("a cat", "dog"));
        assertEquals(a1111.prompt(), out.assembly().prompt());
        assertEquals(a1111.negativePrompt(), out.negative());
    }

    @Test
    void styleOnEmptyComposerGivesTheStyleText() {
        ComposerText empty = ComposerText.of(PresetPrompt.empty());
        assertEquals("film photo of ", empty.apply(Preset.style("f", "film photo of {prompt}", "", JoinRule.A1111)).assembly().prompt());
    }
}
