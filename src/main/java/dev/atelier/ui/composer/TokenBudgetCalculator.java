package dev.atelier.ui.composer;

import dev.atelier.prompt.FieldBudget;
import dev.atelier.prompt.PlacedToken;
import dev.atelier.prompt.PromptAssembly;
import dev.atelier.prompt.PromptChunker;
import dev.atelier.tokenizer.ClipTokenizer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The composer's token budget from the core's {@code prompt.TokenBudget}: the real chunker (A1111
 * comma backtracking, BREAK, emphasis syntax) places every token, with offsets from the tokenizer,
 * and each token is attributed to the field whose span holds it (a separator to the field before).
 * The assembly is {@link PromptAssembler}'s, counted as it is, with no conversion.
 */
public final class TokenBudgetCalculator {
    private static final Pattern BREAK = Pattern.compile("\\bBREAK\\b");
    private final PromptChunker chunker;
    private final ClipTokenizer tokenizer;

    public TokenBudgetCalculator(PromptChunker chunker) {
        this.chunker = Objects.requireNonNull(chunker, "chunker");
        this.tokenizer = chunker.tokenizer();
    }

    /** Counts the prompt and the negative prompt exactly as {@link dev.atelier.ui.app.WorkbenchModel#nextJob} sends them. */
    public ComposerTokenBudget compute(PromptFields fields) {
        Map<ComposerField, Integer> perField = new EnumMap<>(ComposerField.class);
        PromptAssembly prompt = PromptAssembler.assemble(fields);
        List<ComposerTokenBudget.TokenMark> positive = marks(prompt, perField);
        List<ComposerTokenBudget.TokenMark> negative = marks(
                PromptAssembly.single(ComposerField.NEGATIVE.name(), PromptAssembler.negative(fields)), perField);
        return new ComposerTokenBudget(prompt, perField, positive, negative, chunker.chunkLength());
    }

    private List<ComposerTokenBudget.TokenMark> marks(PromptAssembly assembly, Map<ComposerField, Integer> perField) {
        if (assembly.prompt().isBlank()) {
            return List.of();
        }
        dev.atelier.prompt.TokenBudget budget = dev.atelier.prompt.TokenBudget.of(chunker, assembly);
        List<Placed> out = new ArrayList<>(budget.tokenCount());
        for (FieldBudget f : budget.fields()) {
            ComposerField field = PromptAssembler.fieldOf(f.span());
            if (f.tokenCount() > 0) {
                perField.merge(field, f.tokenCount(), Integer::sum);
            }
            out.addAll(f.tokens().stream().map(t -> new Placed(field, t)).toList());
        }
        out.sort(Comparator.comparingInt(p -> p.token().start()));
        return mark(assembly.prompt(), out);
    }

    private record Placed(ComposerField field, PlacedToken token) {
    }

    /**
     * Flags each token: overflow when its chunk began because the one before was full (a chunk that
     * BREAK began is what the user asked for), unknown when its word is not in the vocabulary.
     */
    private List<ComposerTokenBudget.TokenMark> mark(String text, List<Placed> placed) {
        List<ComposerTokenBudget.TokenMark> out = new ArrayList<>(placed.size());
        boolean overflowing = false;
        int chunk = 0;
        int previousEnd = 0;
        for (Placed p : placed) {
            PlacedToken t = p.token();
            if (t.chunk() != chunk) {
                overflowing = !BREAK.matcher(text.substring(Math.min(previousEnd, t.start()), t.start())).find();
                chunk = t.chunk();
            }
            out.add(new ComposerTokenBudget.TokenMark(p.field(), t.start(), t.end(), text.substring(t.start(), t.end()),
                    t.chunk(), overflowing, unknownWordAt(text, t.start(), t.end())));
            previousEnd = t.end();
        }
        return out;
    }

    /** True when the token lies in a word that the vocabulary lacks (see {@link #unknownWord}). */
    private boolean unknownWordAt(String text, int start, int end) {
        int from = start;
        int to = end;
        while (from > 0 && Character.isLetter(text.charAt(from - 1))) {
            from--;
        }
        while (to < text.length() && Character.isLetter(text.charAt(to))) {
            to++;
        }
        return from < to && unknownWord(text.substring(from, to));
    }

    /**
     * A word is unknown when the vocabulary has no whole-word token for it and it falls apart into
     * single characters. A real CLIP vocabulary (49408 BPE tokens) splits rare words into two or
     * three sub-words; those are known pieces and not flagged.
     */
    boolean unknownWord(String word) {
        if (word.length() < 2 || !word.chars().allMatch(Character::isLetter) || word.equals("BREAK")) {
            return false;
        }
        String lower = word.toLowerCase(java.util.Locale.ROOT);
        if (tokenizer.tokenId(lower + "</w>").isPresent()) {
            return false;
        }
        return tokenizer.tokenize(lower).stream().allMatch(t -> t.end() - t.start() <= 1);
    }
}
