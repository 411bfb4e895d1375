package dev.atelier.ui.composer;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TermListTest {

    @Test
    void toggleAddsAtTheEndAndKeepsFreeText() {
        assertEquals("my own words, watercolor", TermList.toggle("my own words", "watercolor"));
        assertEquals("flat", TermList.toggle("", "flat"));
    }

    @Test
    void toggleRemovesAnExistingTermIgnoringCase() {
        assertEquals("flat, golden hour", TermList.toggle("flat, Watercolor, golden hour", "watercolor"));
    }

    @Test
    void containsMatchesWholeTermsOnly() {
        assertTrue(TermList.contains("flat, pixel art", "pixel art"));
        assertFalse(TermList.contains("pixel artistry", "pixel art"));
        assertEquals(List.of("a", "b c"), TermList.terms(" a ,, b c ,"));
    }
}
