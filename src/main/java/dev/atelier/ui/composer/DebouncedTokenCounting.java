package dev.atelier.ui.composer;

import java.util.concurrent.Executor;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Counts tokens on its own thread (never the inference thread, which may be busy for minutes) once
 * typing pauses for {@code delayMs}; only the newest request is delivered (latest wins), so a burst
 * of keystrokes costs one count and one render instead of one per key.
 */
public final class DebouncedTokenCounting implements TokenCounting {
    private final ScheduledExecutorService counter;
    private final Executor ui;
    private final long delayMs;
    private final AtomicLong latest = new AtomicLong();
    private ScheduledFuture<?> pending;

    public DebouncedTokenCounting(ScheduledExecutorService counter, Executor ui, long delayMs) {
        this.counter = counter;
        this.ui = ui;
        this.delayMs = delayMs;
    }

    /** Called on the UI thread. */
    @Override
    public void request(PromptFields fields, TokenBudgetCalculator calculator, Consumer<ComposerTokenBudget> deliver) {
        long id = latest.incrementAndGet();
        if (pending != null) {
            pending.cancel(false);
        }
        pending = counter.schedule(() -> {
            if (id != latest.get()) {
                return;
            }
            ComposerTokenBudget budget = TokenCounting.count(fields, calculator);
            ui.execute(() -> {
                if (id == latest.get()) {
                    deliver.accept(budget);
                }
            });
        }, delayMs, TimeUnit.MILLISECONDS);
    }
}
