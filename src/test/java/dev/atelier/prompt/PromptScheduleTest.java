package dev.atelier.prompt;

import dev.atelier.tokenizer.WorkGrowth;
import dev.atelier.tokenizer.ReferenceTokenizers;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PromptScheduleTest {
    private static final Pattern STEPS = Pattern.compile("Examples at steps=(\\d+): (.*)$");
    private static final Pattern EXAMPLE = Pattern.compile("`([^`]+)` → `(\\[\\[.*?]])`");
    private static final Pattern ENTRY = Pattern.compile("\\[(\\d+),'([^']*)']");

    @Test
    void referenceExamples() throws IOException {
        int checked = 0;
        for (String line : Files.readAllLines(ReferenceTokenizers.referenceDir().resolve("PROMPT-SYNTAX.md"))) {
            Matcher steps = STEPS.matcher(line);
            if (!steps.find()) {
                continue;
            }
            Matcher example = EXAMPLE.matcher(steps.group(2));
            while (example.find()) {
                List<ScheduledPrompt> expected = new ArrayList<>();
                Matcher e = ENTRY.matcher(example.group(2));
                while (e.find()) {
                    expected.add(new ScheduledPrompt(Integer.parseInt(e.group(1)), e.group(2)));
                }
                assertEquals(expected, PromptSchedule.of(example.group(1), Integer.parseInt(steps.group(1))).entries(), example.group(1));
                checked++;
            }
        }
        assertEquals(3, checked, "the three steps=10 examples of PROMPT-SYNTAX.md");
    }

    @Test
    void editingForms() {
        assertEquals(List.of(new ScheduledPrompt(4, "a cat"), new ScheduledPrompt(20, "a dog")),
                PromptSchedule.of("a [cat:dog:4]", 20).entries());
        assertEquals(List.of(new ScheduledPrompt(5, "a cat, "), new ScheduledPrompt(20, "a , ")),
                PromptSchedule.of("a [cat::0.25], ", 20).entries(), "[from::when] removes; a fraction of the steps");
        assertEquals(List.of(new ScheduledPrompt(20, "a dog")), PromptSchedule.of("a [cat:dog:0]", 20).entries(),
                "when < 1 switches before the first step");
        assertEquals(List.of(new ScheduledPrompt(3, "(red:1.2) cat"), new ScheduledPrompt(10, "(red:1.2) dog")),
                PromptSchedule.of("(red:1.2) [cat:dog: 3 ]", 10).entries(), "emphasis is kept for the attention parser");
        assertEquals(List.of(new ScheduledPrompt(10, "x")), PromptSchedule.of("[x:y:99]", 10).entries().subList(0, 1),
                "when beyond the steps is clamped");
    }

    @Test
    void alternationCyclesEveryStep() {
        PromptSchedule s = PromptSchedule.of("[fe|]male [cat|dog|bird]", 6);
        assertEquals(6, s.entries().size());
        assertEquals(List.of("female cat", "male dog", "female bird", "male cat", "female dog", "male bird"),
                IntStream.rangeClosed(1, 6).mapToObj(s::textAt).toList());
        assertEquals(s.textAt(1), s.textAt(0), "A1111's sampler counts from 0 and entries end at 1..steps: steps 0 and 1 agree");
        assertTrue(s.isScheduled());
    }

    @Test
    void textAtUsesZeroBasedStepIndices() {
        PromptSchedule s = PromptSchedule.of("a [b:3]", 10);
        assertEquals("a ", s.textAt(0));
        assertEquals("a ", s.textAt(3));
        assertEquals("a b", s.textAt(4));
        assertEquals("a b", s.textAt(99));
    }

    @Test
    void promptsWithoutValidEditingAreVerbatim() {
        for (String prompt : List.of("a | b", "[a|b", "trailing \\", "(x:1.2) [y:z]", "a [b:c:d] e", "((((", "]]:)(")) {
            PromptSchedule s = PromptSchedule.of(prompt, 10);
            assertEquals(List.of(new ScheduledPrompt(10, prompt)), s.entries(), prompt);
            assertFalse(s.isScheduled());
        }
        assertThrows(IllegalArgumentException.class, () -> PromptSchedule.of("x", 0));
    }

    @Test
    void plainPromptsAndEscapesPassThrough() {
        String prompt = "masterpiece, (best quality:1.2), \\[not scheduled:3\\], [blurry], BREAK ((detailed))";
        assertEquals(List.of(new ScheduledPrompt(30, prompt)), PromptSchedule.of(prompt, 30).entries());
        String big = "a [cat:dog:0.5] (red:1.2), ".repeat(4000);
        PromptSchedule s = WorkGrowth.assertLinear("a 100 000-character schedule", "a [cat:dog:0.5] (red:1.2), ".repeat(400),
                big, text -> PromptSchedule.of(text, 30));
        assertEquals(2, s.entries().size());
        String unclosed = "[".repeat(150) + "a:b:3";  // every "[" tries three readings: must not be 3^150
        assertEquals(List.of(new ScheduledPrompt(10, unclosed)),
                WorkGrowth.assertLinear("150 unclosed brackets", "[".repeat(15) + "a:b:3", unclosed,
                        text -> PromptSchedule.of(text, 10)).entries());
        String deep = "(".repeat(50_000) + "x" + ")".repeat(50_000);
        assertEquals(List.of(new ScheduledPrompt(10, deep)),
                WorkGrowth.assertLinear("50 000 nested brackets", "(".repeat(5_000) + "x" + ")".repeat(5_000), deep,
                        text -> PromptSchedule.of(text, 10)).entries(),
                "nesting beyond " + ScheduleGrammar.MAX_DEPTH + " levels: verbatim, no stack overflow");
        String nested = "(".repeat(100) + "[a:b:3]" + ")".repeat(100);
        assertEquals("(".repeat(100) + "a" + ")".repeat(100), PromptSchedule.of(nested, 10).textAt(0));
    }
}
