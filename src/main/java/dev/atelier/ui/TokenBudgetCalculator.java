package dev.atelier.ui;

import dev.atelier.prompt.FieldBudget;
import dev.atelier.prompt.FieldSpan;
import dev.atelier.prompt.PlacedToken;
import dev.atelier.prompt.PromptAssembly;
import dev.atelier.prompt.PromptChunker;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The composer's token budget from the core's {@code prompt.TokenBudget}: the real chunker (A1111
 * comma backtracking, BREAK, emphasis syntax) places every token, with offsets from the tokenizer,
 * and each token is attributed to the field whose span holds it (a separator to the field before).
 */
public final class TokenBudgetCalculator {
    private final PromptChunker chunker;
    private final int maxChunks;

    /** @param maxChunks chunks the pipeline encodes before truncating ({@code Integer.MAX_VALUE}: none) */
    public TokenBudgetCalculator(PromptChunker chunker, int maxChunks) {
        if (maxChunks < 1) {
            throw new IllegalArgumentException("chunk count must be positive");
        }
        this.chunker = chunker;
        this.maxChunks = maxChunks;
    }

    public TokenBudget compute(AssembledPrompt prompt, String negativePrompt) {
        Map<PromptField, Integer> perField = new EnumMap<>(PromptField.class);
        List<FieldSpan> spans = prompt.spans().stream()
                .map(s -> new FieldSpan(s.field().name(), s.start(), s.end())).toList();
        List<TokenBudget.TokenMark> positive = marks(new PromptAssembly(prompt.text(), spans), perField);
        // counted exactly as it is sent (WorkbenchModel.nextJob): trimmed, stray leading/trailing commas dropped
        String negative = PromptAssembler.normalise(negativePrompt == null ? "" : negativePrompt);
        List<TokenBudget.TokenMark> negativeMarks = marks(PromptAssembly.single(PromptField.NEGATIVE.name(), negative),
                perField);
        return new TokenBudget(perField, positive, negativeMarks, chunker.chunkLength(), maxChunks);
    }

    private List<TokenBudget.TokenMark> marks(PromptAssembly assembly, Map<PromptField, Integer> perField) {
        if (assembly.prompt().isBlank()) {
            return List.of();
        }
        dev.atelier.prompt.TokenBudget budget = dev.atelier.prompt.TokenBudget.of(chunker, assembly);
        List<TokenBudget.TokenMark> out = new ArrayList<>(budget.tokenCount());
        for (FieldBudget f : budget.fields()) {
            PromptField field = PromptField.valueOf(f.name());
            if (f.tokenCount() > 0) {
                perField.merge(field, f.tokenCount(), Integer::sum);
            }
            for (PlacedToken t : f.tokens()) {
                out.add(new TokenBudget.TokenMark(field, t.start(), t.end(),
                        assembly.prompt().substring(t.start(), t.end()), t.chunk(), t.chunk() >= maxChunks));
            }
        }
        out.sort(Comparator.comparingInt(TokenBudget.TokenMark::start));
        return out;
    }
}
