package dev.atelier.ui;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class PromptAssemblerTest {

    @Test
    void joinsFieldsInCanonicalOrderWithCommaSpace() {
        PromptFields fields = new PromptFields("a large red star on a blue background", "top left", "watercolor",
                "golden hour", "sharp", "outline", null);
        AssembledPrompt p = PromptAssembler.assemble(fields);
        assertEquals("a large red star on a blue background, top left, watercolor, golden hour, sharp", p.text());
    }

    @Test
    void skipsBlankFieldsAndTrimsStrayCommas() {
        PromptFields fields = new PromptFields("  a small circle ", "", "flat, ", "  ", ", extra", "", null);
        assertEquals("a small circle, flat, extra", PromptAssembler.assemble(fields).text());
    }

    @Test
    void spansPointAtEachFieldsText() {
        PromptFields fields = new PromptFields("a star", "centered", "", "soft light", "", "", null);
        AssembledPrompt p = PromptAssembler.assemble(fields);
        assertEquals(List.of(
                new AssembledPrompt.FieldSpan(PromptField.SUBJECT, 0, 6),
                new AssembledPrompt.FieldSpan(PromptField.COMPOSITION, 8, 16),
                new AssembledPrompt.FieldSpan(PromptField.LIGHTING, 18, 28)), p.spans());
        assertEquals("soft light", p.text().substring(18, 28));
        assertEquals(PromptField.COMPOSITION, p.fieldAt(8));
        assertNull(p.fieldAt(6), "the separator belongs to no field");
    }

    @Test
    void editedPromptIsSentAsTyped() {
        PromptFields fields = new PromptFields("a star", "centered", "", "", "", "", "my own  prompt,");
        AssembledPrompt p = PromptAssembler.assemble(fields);
        assertEquals("my own  prompt,", p.text());
        assertEquals(PromptField.EDITED, p.fieldAt(0));
        assertEquals("a star, centered", PromptAssembler.fromFields(fields).text());
    }

    @Test
    void negativeNeverEntersThePositivePrompt() {
        PromptFields fields = new PromptFields("a star", "", "", "", "", "blurry", null);
        assertEquals("a star", PromptAssembler.assemble(fields).text());
    }
}
