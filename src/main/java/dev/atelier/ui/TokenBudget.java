package dev.atelier.ui;

import dev.atelier.prompt.PromptAssembly;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the prompt as sent and the negative prompt fill CLIP's 75-token chunks. The pipeline encodes
 * every chunk (A1111 style, {@code pipeline.PromptEncoder}), so no token is ever dropped: tokens past
 * the first chunk are marked as overflow (encoded, but in a later chunk), never as truncated.
 *
 * @param prompt    the positive prompt the marks index, so a view renders text and marks from one value
 * @param perField  token count of each non-empty field, in canonical order
 * @param positive  every token of the positive prompt, with its field and chunk
 * @param negative  every token of the negative prompt
 * @param chunkSize tokens per chunk (75 for every SD text encoder)
 */
public record TokenBudget(PromptAssembly prompt, Map<PromptField, Integer> perField, List<TokenMark> positive,
                          List<TokenMark> negative, int chunkSize) {

    /**
     * One token as the composer highlights it.
     *
     * @param start offset into the assembled prompt (or the negative prompt)
     * @param chunk 0-based chunk the token lands in
     */
    public record TokenMark(PromptField field, int start, int end, String text, int chunk) {
        public TokenMark {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(text, "text");
            if (start < 0 || end < start || chunk < 0) {
                throw new IllegalArgumentException("bad token mark [" + start + ", " + end + ") in chunk " + chunk);
            }
        }

        /** Past the first chunk: still encoded (in a later chunk) but no longer attended with the rest. */
        public boolean overflow() {
            return chunk > 0;
        }
    }

    public TokenBudget {
        Objects.requireNonNull(prompt, "prompt");
        perField = Map.copyOf(perField);
        positive = List.copyOf(positive);
        negative = List.copyOf(negative);
        if (chunkSize < 1) {
            throw new IllegalArgumentException("chunk size must be positive, got " + chunkSize);
        }
        for (TokenMark t : positive) {
            if (t.end() > prompt.prompt().length()) {
                throw new IllegalArgumentException("token " + t + " runs past the prompt (" + prompt.prompt().length() + " chars)");
            }
        }
    }

    /** The prompt with no counts (no tokenizer for the model). */
    public static TokenBudget uncounted(PromptAssembly prompt) {
        return new TokenBudget(prompt, Map.of(), List.of(), List.of(), 75);
    }

    public static TokenBudget empty() {
        return uncounted(new PromptAssembly("", List.of()));
    }

    public int positiveTotal() {
        return positive.size();
    }

    public int negativeTotal() {
        return negative.size();
    }

    public int count(PromptField field) {
        return perField.getOrDefault(field, 0);
    }

    /** Chunks the positive prompt occupies (at least one: an empty prompt still encodes one). */
    public int positiveChunks() {
        return positive.isEmpty() ? 1 : positive.getLast().chunk() + 1;
    }

    /** Tokens of {@code field} that fell past the first chunk. */
    public List<TokenMark> overflowOf(PromptField field) {
        List<TokenMark> source = field == PromptField.NEGATIVE ? negative : positive;
        return source.stream().filter(t -> t.field() == field && t.overflow()).toList();
    }

    /** "23 / 75 tokens" or "98 tokens · 2 chunks of 75". */
    public String describeTotal() {
        int total = positiveTotal();
        int chunks = positiveChunks();
        return chunks <= 1 ? total + " / " + chunkSize + " tokens" : total + " tokens · " + chunks + " chunks of " + chunkSize;
    }
}
