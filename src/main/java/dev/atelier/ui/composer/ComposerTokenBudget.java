package dev.atelier.ui.composer;

import dev.atelier.prompt.PromptAssembly;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Predicate;

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
public record ComposerTokenBudget(PromptAssembly prompt, Map<ComposerField, Integer> perField, List<TokenMark> positive,
                          List<TokenMark> negative, int chunkSize) {

    /**
     * One token as the composer highlights it.
     *
     * @param start    offset into the assembled prompt (or the negative prompt)
     * @param chunk    0-based chunk the token lands in
     * @param overflow in a later chunk because the one before was full (a chunk begun by BREAK is intended, not overflow)
     * @param unknown  part of a word the model's vocabulary lacks (it fell apart into single letters)
     */
    public record TokenMark(ComposerField field, int start, int end, String text, int chunk, boolean overflow,
                            boolean unknown) {
        public TokenMark {
            Objects.requireNonNull(field, "field");
            Objects.requireNonNull(text, "text");
            if (start < 0 || end < start || chunk < 0) {
                throw new IllegalArgumentException("bad token mark [" + start + ", " + end + ") in chunk " + chunk);
            }
        }
    }

    public ComposerTokenBudget {
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
    public static ComposerTokenBudget uncounted(PromptAssembly prompt) {
        return new ComposerTokenBudget(prompt, Map.of(), List.of(), List.of(), 75);
    }

    public static ComposerTokenBudget empty() {
        return uncounted(new PromptAssembly("", List.of()));
    }

    public int positiveTotal() {
        return positive.size();
    }

    public int negativeTotal() {
        return negative.size();
    }

    public int count(ComposerField field) {
        return perField.getOrDefault(field, 0);
    }

    /** Chunks the positive prompt occupies (at least one: an empty prompt still encodes one). */
    public int positiveChunks() {
        return positive.isEmpty() ? 1 : positive.getLast().chunk() + 1;
    }

    /** Words of the positive and negative prompt the model's vocabulary lacks, once each, in order. */
    public List<String> unknownWords() {
        List<String> out = new ArrayList<>(joinWords(positive, TokenMark::unknown));
        out.addAll(joinWords(negative, TokenMark::unknown));
        return out.stream().distinct().toList();
    }

    /**
     * The texts of the selected tokens with touching tokens joined, so a word that fell apart into
     * letters reads as the word ("rnament"), not "r n a m e n t".
     */
    private static List<String> joinWords(List<TokenMark> tokens, Predicate<TokenMark> selected) {
        List<String> out = new ArrayList<>();
        StringBuilder word = null;
        int end = -1;
        for (TokenMark t : tokens) {
            if (!selected.test(t)) {
                word = flush(word, out);
                continue;
            }
            if (word != null && t.start() == end) {
                word.append(t.text());
            } else {
                flush(word, out);
                word = new StringBuilder(t.text());
            }
            end = t.end();
        }
        flush(word, out);
        return out;
    }

    private static StringBuilder flush(StringBuilder word, List<String> out) {
        if (word != null && !word.toString().isBlank()) {
            out.add(word.toString().strip());
        }
        return null;
    }

    /** Tokens of {@code field} that fell past a full first chunk. */
    public List<TokenMark> overflowOf(ComposerField field) {
        List<TokenMark> source = field == ComposerField.NEGATIVE ? negative : positive;
        return source.stream().filter(t -> t.field() == field && t.overflow()).toList();
    }

    /** "23 / 75 tokens" or "98 tokens · 2 chunks of 75". */
    public String describeTotal() {
        int total = positiveTotal();
        int chunks = positiveChunks();
        return chunks <= 1 ? total + " / " + chunkSize + " tokens" : total + " tokens · " + chunks + " chunks of " + chunkSize;
    }
}
