package dev.atelier.ui.composer;

import dev.atelier.prompt.PromptAssembly;
import dev.atelier.prompt.PromptChunker;
import dev.atelier.tokenizer.Token;
import dev.atelier.ui.SharedTokenizer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Counts come from the real CLIP tokenizer's offsets. */
class TokenBudgetCalculatorTest {
    @RegisterExtension
    static final SharedTokenizer TOKENIZER = new SharedTokenizer();

    private ComposerTokenBudget budget(PromptFields fields) {
        return new TokenBudgetCalculator(new PromptChunker(TOKENIZER.get())).compute(fields);
    }

    @Test
    void countsEachFieldsTokensWithTheSeparatorAfterIt() {
        PromptFields fields = new PromptFields("a large red star", "top left", "watercolor", "", "", "blurry, lowres", null);
        ComposerTokenBudget b = budget(fields);
        // the ", " joining two fields is one token, counted with the field before it
        assertEquals(TOKENIZER.get().tokenize("a large red star,").size(), b.count(ComposerField.SUBJECT));
        assertEquals(TOKENIZER.get().tokenize("top left,").size(), b.count(ComposerField.COMPOSITION));
        assertEquals(TOKENIZER.get().tokenize("watercolor").size(), b.count(ComposerField.STYLE));
        assertEquals(TOKENIZER.get().tokenize("a large red star, top left, watercolor").size(), b.positiveTotal());
        assertEquals(b.positiveTotal(), b.count(ComposerField.SUBJECT) + b.count(ComposerField.COMPOSITION)
                + b.count(ComposerField.STYLE), "field counts add up to the total");
        assertEquals(TOKENIZER.get().tokenize("blurry, lowres").size(), b.negativeTotal());
        assertEquals(1, b.positiveChunks());
        assertEquals("", AssembledPromptView.describeOverflow(b));
    }

    @Test
    void countsTheNegativePromptAsItIsSent() {
        // nextJob sends the normalised negative ("blurry"), so the counter must not count the stray commas
        ComposerTokenBudget b = budget(new PromptFields("a star", "", "", "", "", " , blurry, ", null));
        assertEquals(TOKENIZER.get().tokenize("blurry").size(), b.negativeTotal());
    }

    @Test
    void marksTokensPastTheFirstChunkWithTheirFieldAndOffsets() {
        String longSubject = "a large red star on a blue background ".repeat(10).strip();
        PromptFields fields = new PromptFields(longSubject, "", "", "golden hour", "", "", null);
        ComposerTokenBudget b = budget(fields);
        PromptAssembly prompt = b.prompt();
        assertEquals(PromptAssembler.assemble(fields), prompt, "the budget holds the prompt it counted");
        List<Token> tokens = TOKENIZER.get().tokenize(prompt.prompt());
        assertTrue(tokens.size() > 75);
        assertEquals(tokens.size(), b.positiveTotal());
        assertEquals(2, b.positiveChunks());
        ComposerTokenBudget.TokenMark seventySixth = b.positive().get(75);
        assertTrue(seventySixth.overflow());
        assertEquals(tokens.get(75).start(), seventySixth.start());
        assertEquals(prompt.prompt().substring(tokens.get(75).start(), tokens.get(75).end()), seventySixth.text());
        assertFalse(b.positive().get(74).overflow());
        List<ComposerTokenBudget.TokenMark> lighting = b.overflowOf(ComposerField.LIGHTING);
        assertEquals(b.count(ComposerField.LIGHTING), lighting.size(), "the whole lighting field fell past 75");
        assertEquals(2, lighting.size());
        assertEquals("golden", lighting.getFirst().text());
        assertTrue(AssembledPromptView.describeOverflow(b).contains("Lighting (golden hour)"));
    }

    @Test
    void everyTokenOfALongPromptLandsInAChunkThePipelineEncodes() {
        // pipeline.PromptEncoder encodes every chunk PromptChunker makes, so nothing is dropped:
        // the budget must show all of them, in as many chunks as the chunker makes
        String text = "red ".repeat(200).strip();
        PromptChunker chunker = new PromptChunker(TOKENIZER.get());
        ComposerTokenBudget b = budget(new PromptFields(text, "", "", "", "", "", null));
        assertEquals(200, b.positiveTotal());
        assertEquals(chunker.chunk(text).size(), b.positiveChunks());
        assertEquals(3, b.positiveChunks());
        assertEquals("200 tokens · 3 chunks of 75", b.describeTotal());
        assertEquals(125, b.overflowOf(ComposerField.SUBJECT).size(), "all but the first 75 are past the first chunk");
        assertEquals(List.of(0, 1, 2), b.positive().stream().map(ComposerTokenBudget.TokenMark::chunk).distinct().toList());
        ComposerTokenBudget shortOne = budget(new PromptFields("red star", "", "", "", "", "", null));
        assertTrue(shortOne.overflowOf(ComposerField.SUBJECT).isEmpty());
        assertEquals(1, shortOne.positiveChunks());
    }

    @Test
    void marksTheEditedPromptAsTyped() {
        ComposerTokenBudget b = budget(new PromptFields("a star", "", "", "", "", "", "  red  star"));
        assertEquals("  red  star", b.prompt().prompt());
        assertEquals(List.of("red", "star"), b.positive().stream().map(ComposerTokenBudget.TokenMark::text).toList());
        assertEquals(2, b.count(ComposerField.EDITED));
        assertEquals(0, b.count(ComposerField.SUBJECT));
    }
}
