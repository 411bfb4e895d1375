package dev.atelier.ui;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * How the assembled prompt and the negative prompt fill CLIP's 75-token chunks.
 *
 * @param perField  token count of each non-empty field, in canonical order
 * @param positive  every token of the positive prompt, with its field and chunk
 * @param negative  every token of the negative prompt
 * @param chunkSize tokens per chunk (75 for every SD text encoder)
 * @param maxChunks chunks the pipeline encodes; tokens beyond them are truncated
 */
public record TokenBudget(Map<PromptField, Integer> perField, List<TokenMark> positive, List<TokenMark> negative,
                          int chunkSize, int maxChunks) {

    /**
     * One token as the composer highlights it.
     *
     * @param start     offset into the assembled prompt (or the negative prompt)
     * @param chunk     0-based chunk the token lands in
     * @param truncated true when the pipeline drops it
     */
    public record TokenMark(PromptField field, int start, int end, String text, int chunk, boolean truncated) {
        public TokenMark {
            Objects.requireNonNull(text, "text");
        }

        /** Past the first chunk: still encoded (in a later chunk) but no longer attended with the rest. */
        public boolean overflow() {
            return chunk > 0;
        }
    }

    public TokenBudget {
        perField = Map.copyOf(perField);
        positive = List.copyOf(positive);
        negative = List.copyOf(negative);
        if (chunkSize < 1 || maxChunks < 1) {
            throw new IllegalArgumentException("chunk size and count must be positive");
        }
    }

    public static TokenBudget empty() {
        return new TokenBudget(Map.of(), List.of(), List.of(), 75, Integer.MAX_VALUE);
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
        return Math.max(1, positive.isEmpty() ? 1 : positive.getLast().chunk() + 1);
    }

    /** Tokens of {@code field} that fell past the first chunk or were truncated. */
    public List<TokenMark> overflowOf(PromptField field) {
        List<TokenMark> source = field == PromptField.NEGATIVE ? negative : positive;
        return source.stream().filter(t -> t.field() == field && (t.overflow() || t.truncated())).toList();
    }

    /** "23 / 75 tokens" or "98 tokens · 2 chunks". */
    public String describeTotal() {
        int total = positiveTotal();
        int chunks = positiveChunks();
        return chunks <= 1 ? total + " / " + chunkSize + " tokens" : total + " tokens · " + chunks + " chunks of " + chunkSize;
    }
}
