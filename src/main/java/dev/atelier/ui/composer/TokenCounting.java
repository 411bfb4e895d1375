package dev.atelier.ui.composer;

import java.util.function.Consumer;

/**
 * Where the composer's token budget is counted. The window counts off the FX thread after a short
 * pause in typing ({@link DebouncedTokenCounting}); models without a window count at once.
 */
public interface TokenCounting {
    /** Counts on the caller's thread and delivers at once. */
    TokenCounting IMMEDIATE = (fields, counter, deliver) -> deliver.accept(count(fields, counter));

    /**
     * Counts {@code fields} with {@code counter} (null = no tokenizer) and hands the result to
     * {@code deliver} on the UI thread; a newer request may replace an older one that was not delivered yet.
     */
    void request(PromptFields fields, TokenBudgetCalculator counter, Consumer<ComposerTokenBudget> deliver);

    static ComposerTokenBudget count(PromptFields fields, TokenBudgetCalculator counter) {
        return counter == null ? ComposerTokenBudget.uncounted(PromptAssembler.assemble(fields)) : counter.compute(fields);
    }
}
