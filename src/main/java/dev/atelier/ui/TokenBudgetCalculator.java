package dev.atelier.ui;

import dev.atelier.prompt.FieldBudget;
import dev.atelier.prompt.PlacedToken;
import dev.atelier.prompt.PromptAssembly;
import dev.atelier.prompt.PromptChunker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The composer's token budget from the core's {@code prompt.TokenBudget}: the real chunker (A1111
 * comma backtracking, BREAK, emphasis syntax) places every token, with offsets from the tokenizer,
 * and each token is attributed to the field whose span holds it (a separator to the field before).
 * The assembly is {@link PromptAssembler}'s, counted as it is, with no conversion.
 */
public final class TokenBudgetCalculator {
    private final PromptChunker chunker;

    public TokenBudgetCalculator(PromptChunker chunker) {
        this.chunker = Objects.requireNonNull(chunker, "chunker");
    }

    /** Counts the prompt and the negative prompt exactly as {@link WorkbenchModel#nextJob} sends them. */
    public TokenBudget compute(PromptFields fields) {
        Map<PromptField, Integer> perField = new EnumMap<>(PromptField.class);
        PromptAssembly prompt = PromptAssembler.assemble(fields);
        List<TokenBudget.TokenMark> positive = marks(prompt, perField);
        List<TokenBudget.TokenMark> negative = marks(
                PromptAssembly.single(PromptField.NEGATIVE.name(), PromptAssembler.negative(fields)), perField);
        return new TokenBudget(prompt, perField, positive, negative, chunker.chunkLength());
    }

    private List<TokenBudget.TokenMark> marks(PromptAssembly assembly, Map<PromptField, Integer> perField) {
        if (assembly.prompt().isBlank()) {
            return List.of();
        }
        dev.atelier.prompt.TokenBudget budget = dev.atelier.prompt.TokenBudget.of(chunker, assembly);
        List<TokenBudget.TokenMark> out = new ArrayList<>(budget.tokenCount());
        for (FieldBudget f : budget.fields()) {
            PromptField field = PromptAssembler.fieldOf(f.span());
            if (f.tokenCount() > 0) {
                perField.merge(field, f.tokenCount(), Integer::sum);
            }
            for (PlacedToken t : f.tokens()) {
                out.add(new TokenBudget.TokenMark(field, t.start(), t.end(),
                        assembly.prompt().substring(t.start(), t.end()), t.chunk()));
            }
        }
        out.sort(Comparator.comparingInt(TokenBudget.TokenMark::start));
        return out;
    }
}
