package dev.atelier.ui.common;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;

/**
 * Hands values from a worker thread to the UI thread, latest wins: at most one delivery is pending
 * at a time, and it delivers whatever value is newest when it runs. A fast producer therefore never
 * floods the UI queue and never waits for the UI.
 */
public final class LatestValue<T> {
    private final AtomicReference<T> latest = new AtomicReference<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Executor uiExecutor;
    private final Consumer<T> sink;

    public LatestValue(Executor uiExecutor, Consumer<T> sink) {
        this.uiExecutor = Objects.requireNonNull(uiExecutor, "uiExecutor");
        this.sink = Objects.requireNonNull(sink, "sink");
    }

    /** Never blocks. */
    public void offer(T value) {
        latest.set(Objects.requireNonNull(value, "value"));
        if (scheduled.compareAndSet(false, true)) {
            uiExecutor.execute(this::drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        T value = latest.getAndSet(null);
        if (value != null) {
            sink.accept(value);
        }
    }
}
