package dev.atelier.ui.composer;

import dev.atelier.prompt.FieldSpan;
import dev.atelier.prompt.PromptAssembly;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PromptAssemblerTest {

    @Test
    void joinsFieldsInCanonicalOrderWithCommaSpace() {
        PromptFields fields = new PromptFields("a large red star on a blue background", "top left", "watercolor",
                "golden hour", "sharp", "outline", null);
        PromptAssembly p = PromptAssembler.assemble(fields);
        assertEquals("a large red star on a blue background, top left, watercolor, golden hour, sharp", p.prompt());
    }

    @Test
    void skipsBlankFieldsAndTrimsStrayCommas() {
        PromptFields fields = new PromptFields("  a small circle ", "", "flat, ", "  ", ", extra", "", null);
        assertEquals("a small circle, flat, extra", PromptAssembler.assemble(fields).prompt());
    }

    @Test
    void spansPointAtEachFieldsTextAndBlankFieldsGetEmptySpans() {
        PromptFields fields = new PromptFields("a star", "centered", "", "soft light", "", "", null);
        PromptAssembly p = PromptAssembler.assemble(fields);
        assertEquals(List.of(
                new FieldSpan("SUBJECT", 0, 6),
                new FieldSpan("COMPOSITION", 8, 16),
                new FieldSpan("LIGHTING", 18, 28)), p.spans().stream().filter(s -> !s.isEmpty()).toList());
        assertEquals(List.of("SUBJECT", "COMPOSITION", "STYLE", "LIGHTING", "FREE_TEXT"),
                p.spans().stream().map(FieldSpan::name).toList(), "every field in canonical order");
        assertEquals("soft light", p.prompt().substring(18, 28));
        assertEquals(ComposerField.COMPOSITION, PromptAssembler.fieldOf(p.span("COMPOSITION").orElseThrow()));
        assertEquals(ComposerField.COMPOSITION, PromptAssembler.fieldOf(p.fieldAt(8).orElseThrow()));
        assertEquals(ComposerField.SUBJECT, PromptAssembler.fieldOf(p.fieldAt(6).orElseThrow()),
                "the separator counts with the field before it");
        assertEquals(0, p.spans().stream().filter(s -> s.contains(6)).count(), "no span holds the separator");
    }

    @Test
    void editedPromptIsSentAsTyped() {
        PromptFields fields = new PromptFields("a star", "centered", "", "", "", "", "my own  prompt,");
        PromptAssembly p = PromptAssembler.assemble(fields);
        assertEquals("my own  prompt,", p.prompt());
        assertEquals(List.of(new FieldSpan("EDITED", 0, 15)), p.spans());
        assertEquals(ComposerField.EDITED, PromptAssembler.fieldOf(p.fieldAt(0).orElseThrow()));
        assertEquals("a star, centered", PromptAssembler.fromFields(fields).prompt());
        assertEquals("  ", PromptAssembler.assemble(new PromptFields("a star", "", "", "", "", "", "  ")).prompt(),
                "even a blank edit is sent as typed");
    }

    @Test
    void negativeNeverEntersThePositivePrompt() {
        PromptFields fields = new PromptFields("a star", "", "", "", "", "blurry", null);
        assertEquals("a star", PromptAssembler.assemble(fields).prompt());
    }

    @Test
    void negativeIsNormalisedLikeTheFields() {
        assertEquals("blurry, lowres", PromptAssembler.negative(new PromptFields("", "", "", "", "", " , blurry, lowres ,", null)));
        assertEquals("", PromptAssembler.negative(new PromptFields("a", "", "", "", "", " ,, ", null)));
    }
}
