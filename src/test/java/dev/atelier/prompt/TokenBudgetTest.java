package dev.atelier.prompt;

import dev.atelier.tokenizer.ClipTokenizer;
import dev.atelier.tokenizer.ReferenceTokenizers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenBudgetTest {
    private static ClipTokenizer tokenizer;
    private static PromptChunker chunker;

    @BeforeAll
    static void load() {
        tokenizer = ClipTokenizer.load(ReferenceTokenizers.clipTokenizerDir());
        chunker = new PromptChunker(tokenizer);
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    @Test
    void assemblyJoinsFieldsAndRemembersRanges() {
        PromptAssembly a = PromptAssembly.join(List.of(new PromptField("subject", "a red cat"), new PromptField("style", "  "),
                new PromptField("lighting", "(soft light:1.2)"), new PromptField("free", "on a sofa")));
        assertEquals("a red cat, (soft light:1.2), on a sofa", a.prompt());
        for (FieldSpan s : a.spans()) {
            if (!s.isEmpty()) {
                assertEquals(s.name(), a.fieldAt(s.start()).orElseThrow().name());
            }
        }
        assertEquals("(soft light:1.2)", a.prompt().substring(a.span("lighting").orElseThrow().start(), a.span("lighting").orElseThrow().end()));
        assertTrue(a.span("style").orElseThrow().isEmpty(), "blank fields are left out");
        assertEquals("subject", a.fieldAt(9).orElseThrow().name(), "the separator after a field counts toward it");
        assertThrows(IllegalArgumentException.class, () -> PromptAssembly.join(List.of(new PromptField("a", "x"), new PromptField("a", "y"))));
    }

    @Test
    void countsPerFieldAddUpAndFollowTheTokenizer() {
        PromptAssembly a = PromptAssembly.join(List.of(new PromptField("subject", "a red cat"), new PromptField("style", ""),
                new PromptField("lighting", "(soft light:1.2)"), new PromptField("free", "on a sofa, 日本語 😀")));
        TokenBudget b = TokenBudget.of(chunker, a);
        assertEquals(tokenizer.ids("a red cat,").length, b.fields().get(0).tokenCount(), "subject plus its separator comma");
        assertEquals(0, b.fields().get(1).tokenCount());
        assertEquals(tokenizer.ids("soft light,").length, b.fields().get(2).tokenCount(), "brackets and weight are not tokens");
        assertEquals(tokenizer.ids("on a sofa, 日本語 😀").length, b.fields().get(3).tokenCount());
        assertEquals(b.tokenCount(), b.fields().stream().mapToInt(FieldBudget::tokenCount).sum());
        assertEquals(1, b.chunkCount());
        assertEquals(75, b.capacity());
        assertTrue(b.overflowing().isEmpty() && b.truncated().isEmpty());
        for (FieldBudget f : b.fields()) {
            for (PlacedToken t : f.tokens()) {
                assertEquals(f.name(), a.fieldAt(t.start()).orElseThrow().name());
            }
        }
    }

    @Test
    void overflowIsAttributedToTheFieldsThatSpill() {
        String longStyle = "oil painting, impressionism, thick brush strokes, warm palette, ".repeat(6);
        PromptAssembly a = PromptAssembly.join(List.of(new PromptField("subject", "a red cat"),
                new PromptField("style", longStyle), new PromptField("lighting", "golden hour")));
        TokenBudget b = TokenBudget.of(chunker, a);
        assertTrue(b.tokenCount() > 75);
        assertEquals(2, b.chunkCount());
        assertEquals(150, b.capacity());
        FieldBudget subject = b.fields().get(0);
        FieldBudget style = b.fields().get(1);
        FieldBudget lighting = b.fields().get(2);
        assertTrue(subject.overflowing().isEmpty() && subject.truncated().isEmpty());
        assertTrue(!style.overflowing().isEmpty() && !style.truncated().isEmpty());
        assertEquals(lighting.tokens(), lighting.overflowing(), "the last field lies wholly in chunk 1");
        assertEquals(b.tokenCount() - 75, b.truncated().size(), "a 77-token encoder without chunking keeps 75");
        for (PlacedToken t : b.overflowing()) {
            assertTrue(t.chunk() == 1 && t.start() >= style.span().start());
        }
        PlacedToken first = b.overflowing().getFirst();
        assertEquals(1, first.position(), "overflow starts at the first position of chunk 1");
        assertTrue(b.truncated().getFirst().start() >= style.span().start());
    }

    @Test
    void breakInAFieldStartsTheNextChunkEarly() {
        PromptAssembly a = PromptAssembly.join(List.of(new PromptField("subject", "a red cat BREAK"), new PromptField("style", "watercolor")));
        TokenBudget b = TokenBudget.of(chunker, a);
        assertEquals(2, b.chunkCount());
        assertEquals(b.fields().get(1).tokens().size() + 1, b.overflowing().size(), "the separator comma and the style move to chunk 1");
        assertTrue(b.truncated().isEmpty(), "without chunking nothing is cut: 4 tokens");
        assertEquals(75 + tokenizer.ids(", watercolor").length, b.a1111TokenCount());
    }
}
