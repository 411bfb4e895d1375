package dev.atelier.ui;

import dev.atelier.prompt.PromptChunker;
import dev.atelier.tokenizer.ClipTokenizer;
import dev.atelier.tokenizer.Token;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Counts come from the real CLIP tokenizer's offsets. */
class TokenBudgetCalculatorTest {
    private static ClipTokenizer tokenizer;

    @BeforeAll
    static void load() {
        tokenizer = ClipTokenizer.load(TestModels.tokenizerDir());
    }

    @AfterAll
    static void close() {
        if (tokenizer != null) {
            tokenizer.close();
        }
    }

    private TokenBudget budget(PromptFields fields) {
        return new TokenBudgetCalculator(new PromptChunker(tokenizer), Integer.MAX_VALUE)
                .compute(PromptAssembler.assemble(fields), fields.negative());
    }

    @Test
    void countsEachFieldsTokensWithTheSeparatorAfterIt() {
        PromptFields fields = new PromptFields("a large red star", "top left", "watercolor", "", "", "blurry, lowres", null);
        TokenBudget b = budget(fields);
        // the ", " joining two fields is one token, counted with the field before it
        assertEquals(tokenizer.tokenize("a large red star,").size(), b.count(PromptField.SUBJECT));
        assertEquals(tokenizer.tokenize("top left,").size(), b.count(PromptField.COMPOSITION));
        assertEquals(tokenizer.tokenize("watercolor").size(), b.count(PromptField.STYLE));
        assertEquals(tokenizer.tokenize("a large red star, top left, watercolor").size(), b.positiveTotal());
        assertEquals(b.positiveTotal(), b.count(PromptField.SUBJECT) + b.count(PromptField.COMPOSITION)
                + b.count(PromptField.STYLE), "field counts add up to the total");
        assertEquals(tokenizer.tokenize("blurry, lowres").size(), b.negativeTotal());
        assertEquals(1, b.positiveChunks());
        assertEquals("", AssembledPromptView.describeOverflow(b));
    }

    @Test
    void countsTheNegativePromptAsItIsSent() {
        // nextJob sends the normalised negative ("blurry"), so the counter must not count the stray commas
        TokenBudget b = budget(new PromptFields("a star", "", "", "", "", " , blurry, ", null));
        assertEquals(tokenizer.tokenize("blurry").size(), b.negativeTotal());
    }

    @Test
    void marksTokensPastTheFirstChunkWithTheirFieldAndOffsets() {
        String longSubject = "a large red star on a blue background ".repeat(10).strip();
        PromptFields fields = new PromptFields(longSubject, "", "", "golden hour", "", "", null);
        TokenBudget b = budget(fields);
        AssembledPrompt prompt = PromptAssembler.assemble(fields);
        List<Token> tokens = tokenizer.tokenize(prompt.text());
        assertTrue(tokens.size() > 75);
        assertEquals(tokens.size(), b.positiveTotal());
        assertEquals(2, b.positiveChunks());
        TokenBudget.TokenMark seventySixth = b.positive().get(75);
        assertTrue(seventySixth.overflow());
        assertEquals(tokens.get(75).start(), seventySixth.start());
        assertEquals(prompt.text().substring(tokens.get(75).start(), tokens.get(75).end()), seventySixth.text());
        assertFalse(b.positive().get(74).overflow());
        List<TokenBudget.TokenMark> lighting = b.overflowOf(PromptField.LIGHTING);
        assertEquals(b.count(PromptField.LIGHTING), lighting.size(), "the whole lighting field fell past 75");
        assertEquals(2, lighting.size());
        assertEquals("golden", lighting.getFirst().text());
        assertTrue(AssembledPromptView.describeOverflow(b).contains("Lighting (golden hour)"));
    }

    @Test
    void truncationFlagsTokensBeyondTheLastEncodedChunk() {
        String text = "red ".repeat(80).strip();
        TokenBudget b = new TokenBudgetCalculator(new PromptChunker(tokenizer), 1)
                .compute(PromptAssembler.assemble(new PromptFields(text, "", "", "", "", "", null)), "");
        assertEquals(80, b.positiveTotal());
        assertEquals(5, b.positive().stream().filter(TokenBudget.TokenMark::truncated).count());
    }
}
