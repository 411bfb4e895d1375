package dev.atelier.pipeline;

import java.util.concurrent.atomic.AtomicBoolean;

/** Set from any thread; the pipeline checks it before every denoising step and stage. */
public final class CancelFlag {
    private final AtomicBoolean cancelled = new AtomicBoolean();

    public void cancel() {
        cancelled.set(true);
    }

    public boolean isCancelled() {
        return cancelled.get();
    }
}
