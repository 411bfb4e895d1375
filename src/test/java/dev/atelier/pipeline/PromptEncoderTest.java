package dev.atelier.pipeline;

import dev.atelier.onnx.Component;
import dev.atelier.onnx.Device;
import dev.atelier.onnx.Fixtures;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.onnx.ModelSessions;
import dev.atelier.onnx.SessionCache;
import dev.atelier.prompt.ChunkedPrompt;
import dev.atelier.prompt.Emphasis;
import dev.atelier.prompt.PromptChunker;
import dev.atelier.prompt.TokenChunk;
import dev.atelier.tokenizer.ClipTokenizer;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A1111 pad_cond_uncond in the encoder: when the prompt and the negative prompt have different chunk
 * counts, the shorter side is padded with its tokenizer's empty-prompt chunk, both in the token ids
 * the encoders get and in the hidden states that come out.
 */
class PromptEncoderTest {
    private static final String TWO_CHUNKS = "a large red star BREAK on a blue background";
    private static final String ONE_CHUNK = "green";

    /** The empty prompt's chunk as a fresh chunker over the folder's tokenizer makes it. */
    private static TokenChunk emptyPromptChunk(ModelFolder folder, Component tokenizer) {
        try (ClipTokenizer t = ClipTokenizer.load(folder.dir(tokenizer))) {
            return new PromptChunker(t).chunk("").chunks().getFirst();
        }
    }

    private static ChunkedPrompt chunked(ModelFolder folder, Component tokenizer, String text) {
        try (ClipTokenizer t = ClipTokenizer.load(folder.dir(tokenizer))) {
            return new PromptChunker(t).chunk(text);
        }
    }

    @Test
    void theShorterSideIsPaddedWithTheEmptyPromptsChunk() {
        ModelFolder folder = ModelFolder.open(Fixtures.fixture(Fixtures.SD15));
        TokenChunk empty = emptyPromptChunk(folder, Component.TOKENIZER);
        try (PromptEncoder encoder = new PromptEncoder(folder)) {
            PromptEncoder.PaddedPair longCond = encoder.paddedPair(TWO_CHUNKS, ONE_CHUNK, Emphasis.ORIGINAL);
            assertEquals(1, longCond.cond().size(), "one tokenizer");
            assertEquals(chunked(folder, Component.TOKENIZER, TWO_CHUNKS), longCond.cond().getFirst(), "longer side unchanged");
            ChunkedPrompt uncond = longCond.uncond().getFirst();
            assertEquals(2, uncond.size());
            assertEquals(chunked(folder, Component.TOKENIZER, ONE_CHUNK).chunks().getFirst(), uncond.chunks().get(0));
            assertEquals(empty, uncond.chunks().get(1));

            PromptEncoder.PaddedPair longUncond = encoder.paddedPair(ONE_CHUNK, TWO_CHUNKS, Emphasis.ORIGINAL);
            assertEquals(List.of(chunked(folder, Component.TOKENIZER, ONE_CHUNK).chunks().getFirst(), empty),
                    longUncond.cond().getFirst().chunks(), "the prompt is padded when the negative is longer");
            assertEquals(chunked(folder, Component.TOKENIZER, TWO_CHUNKS), longUncond.uncond().getFirst());

            PromptEncoder.PaddedPair unguided = encoder.paddedPair(TWO_CHUNKS, null, Emphasis.ORIGINAL);
            assertNull(unguided.uncond());
            assertEquals(2, unguided.cond().getFirst().size());
        }
    }

    @Test
    void sdxlPadsEachTokenizerWithItsOwnEmptyChunk() {
        ModelFolder folder = ModelFolder.open(Fixtures.fixture(Fixtures.SDXL));
        TokenChunk empty1 = emptyPromptChunk(folder, Component.TOKENIZER);
        TokenChunk empty2 = emptyPromptChunk(folder, Component.TOKENIZER_2);
        assertNotEquals(empty1, empty2, "the fixture's tokenizer_2 pads with '!', tokenizer with eos");
        try (PromptEncoder encoder = new PromptEncoder(folder)) {
            PromptEncoder.PaddedPair pair = encoder.paddedPair(TWO_CHUNKS, "", Emphasis.NO_NORM);
            assertEquals(2, pair.uncond().size(), "two tokenizers");
            assertEquals(List.of(empty1, empty1), pair.uncond().get(0).chunks(), "\"\" is one empty chunk plus one pad");
            assertEquals(List.of(empty2, empty2), pair.uncond().get(1).chunks());
            assertEquals(2, pair.cond().get(1).size());
        }
    }

    @Test
    void thePadChunksHiddenStatesAreTheEmptyPromptsEncoding() {
        ModelFolder folder = ModelFolder.open(Fixtures.fixture(Fixtures.SD15));
        try (SessionCache cache = new SessionCache(); PromptEncoder encoder = new PromptEncoder(folder)) {
            ModelSessions sessions = cache.get(folder, Device.CPU);
            Conditioning pair = encoder.encode(sessions, TWO_CHUNKS, ONE_CHUNK, true, Emphasis.ORIGINAL);
            Conditioning negativeAlone = encoder.encode(sessions, ONE_CHUNK, null, false, Emphasis.ORIGINAL);
            Conditioning emptyAlone = encoder.encode(sessions, "", null, false, Emphasis.ORIGINAL);
            int block = 77 * pair.width();
            assertEquals(2 * 77, pair.sequence());
            assertEquals(77, emptyAlone.sequence());
            assertArrayEquals(negativeAlone.cond(), Arrays.copyOfRange(pair.uncond(), 0, block),
                    "the negative's own chunk comes first");
            assertArrayEquals(emptyAlone.cond(), Arrays.copyOfRange(pair.uncond(), block, 2 * block),
                    "the pad chunk encodes like the empty prompt");
            assertNotEquals(Arrays.toString(emptyAlone.cond()), Arrays.toString(negativeAlone.cond()),
                    "the two blocks are told apart");
        }
    }
}
