package dev.atelier.image;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The A1111 "parameters" samples pinned in {@code src/test/resources/reference/FORMATS.md} (from
 * the shared reference notes, section 1.4) parse to the documented values and format back to the same text.
 */
class InfotextReferenceTest {
    private static final String FORMATS = "/reference/FORMATS.md";
    private static String doc;

    @BeforeAll
    static void readReference() throws IOException {
        try (InputStream in = InfotextReferenceTest.class.getResourceAsStream(FORMATS)) {
            assertNotNull(in, "test resource " + FORMATS);
            doc = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /** The fenced layout example of section 1.4 with the "← …" annotations removed. */
    private static List<String> layoutExample() {
        int section = doc.indexOf("### 1.4");
        assertTrue(section >= 0, "section 1.4 missing");
        int open = doc.indexOf("```\n", section) + 4;
        int close = doc.indexOf("```", open);
        return doc.substring(open, close).lines().map(l -> l.replaceAll("\\s*←.*$", "")).toList();
    }

    @Test
    void layoutExampleRoundTripsExactly() {
        String text = String.join("\n", layoutExample());
        GenerationParameters p = GenerationParameters.parse(text);
        assertEquals("<positive prompt (may itself contain newlines)>", p.prompt());
        assertEquals("<negative prompt>", p.negativePrompt());
        assertEquals(20, p.steps());
        assertEquals("DPM++ 2M", p.sampler());
        assertEquals("Karras", p.scheduleType());
        assertEquals(7.0, p.cfgScale());
        assertEquals(1234567890L, p.seed());
        assertEquals(512, p.width());
        assertEquals(512, p.height());
        assertEquals("6ce0161689", p.modelHash());
        assertEquals("v1-5-pruned-emaonly", p.modelName());
        assertEquals(Map.of("Version", "v1.10.1"), p.extras());
        assertEquals(text, p.format());
        assertEquals("dpmpp-2m-karras", p.schedulerCliName().orElseThrow());
    }

    @Test
    void layoutExampleWithoutNegativeLineRoundTrips() {
        List<String> lines = layoutExample().stream().filter(l -> !l.startsWith("Negative prompt:")).toList();
        String text = String.join("\n", lines);
        GenerationParameters p = GenerationParameters.parse(text);
        assertEquals("", p.negativePrompt());
        assertEquals(text, p.format());
    }

    @Test
    void multiLinePromptOfLayoutExampleRoundTrips() {
        List<String> lines = layoutExample();
        String text = lines.get(0) + "\nsecond prompt line\n" + String.join("\n", lines.subList(1, lines.size()));
        GenerationParameters p = GenerationParameters.parse(text);
        assertEquals(lines.get(0) + "\nsecond prompt line", p.prompt());
        assertEquals(text, p.format());
    }

    @Test
    void quotedLoraHashesExampleRoundTrips() {
        Matcher m = Pattern.compile("Lora hashes: (\"[^\"]+\")").matcher(doc);
        assertTrue(m.find(), "Lora hashes example in FORMATS.md");
        String params = layoutExample().get(2).replace(", Version:", ", " + m.group() + ", Version:");
        String text = "a portrait\n" + params;
        GenerationParameters p = GenerationParameters.parse(text);
        String quoted = m.group(1);
        assertEquals(quoted.substring(1, quoted.length() - 1), p.extras().get("Lora hashes"));
        assertEquals(text, p.format());
    }

    @Test
    void legacyFusedSamplerNameIsKeptAndMapped() {
        Matcher m = Pattern.compile("`Sampler: ([^`]+)` without `Schedule type`").matcher(doc);
        assertTrue(m.find(), "pre-1.8 sampler example in FORMATS.md");
        String text = "a cat\nSteps: 20, Sampler: " + m.group(1) + ", CFG scale: 7, Seed: 1, Size: 512x512";
        GenerationParameters p = GenerationParameters.parse(text);
        assertEquals(m.group(1), p.sampler());
        assertEquals(null, p.scheduleType());
        assertEquals("dpmpp-2m-karras", p.schedulerCliName().orElseThrow());
        assertEquals(text, p.format());
    }
}
