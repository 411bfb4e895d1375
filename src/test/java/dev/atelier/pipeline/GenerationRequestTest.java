package dev.atelier.pipeline;

import dev.atelier.prompt.Emphasis;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class GenerationRequestTest {

    private static String rejects(Runnable r) {
        return assertThrows(IllegalArgumentException.class, r::run).getMessage();
    }

    @Test
    void validatesEveryLimit() {
        GenerationRequest ok = GenerationRequest.of("cat");
        assertEquals("steps must be between 1 and 1000, got 0", rejects(() -> ok.withSteps(0)));
        assertEquals("steps must be between 1 and 1000, got 1001", rejects(() -> ok.withSteps(1001)));
        assertEquals("guidance must be between 0 and 100, got -1.0", rejects(() -> ok.withGuidance(-1)));
        rejects(() -> ok.withGuidance(Double.NaN));
        assertEquals("width must be a multiple of 8 between 8 and 4096, got 100", rejects(() -> ok.withSize(100, 64)));
        assertEquals("height must be a multiple of 8 between 8 and 4096, got 8192", rejects(() -> ok.withSize(64, 8192)));
        assertEquals("seed must be between 0 and 2^63-1, got -1", rejects(() -> ok.withSeed(-1)));
        assertThrows(NullPointerException.class, () -> GenerationRequest.of(null));
        assertEquals(Long.MAX_VALUE, ok.withSeed(Long.MAX_VALUE).seed());
    }

    @Test
    void absentNegativeAndDefaultEmphasis() {
        GenerationRequest r = GenerationRequest.of("cat").withEmphasis(null);
        assertNull(r.negativePrompt());
        assertEquals(Emphasis.ORIGINAL, r.emphasis());
        assertEquals("", r.withNegativePrompt("").negativePrompt());
    }
}
