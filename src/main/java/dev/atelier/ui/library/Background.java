package dev.atelier.ui.library;

import dev.atelier.ui.common.Notifier;
import dev.atelier.ui.common.UserMessages;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;

/**
 * Runs file and database work on the library's worker thread and hands the result (or one line
 * saying what failed) back to the FX thread. Shared by the library and the inspector.
 */
public final class Background {
    private static final Logger LOG = LoggerFactory.getLogger(Background.class);
    private final Executor worker;
    private final Executor ui;
    private final Notifier notifier;

    public Background(Executor worker, Executor ui, Notifier notifier) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.notifier = Objects.requireNonNull(notifier, "notifier");
    }

    /** Runs {@code work} off the FX thread; {@code done} gets its result on the FX thread. */
    public <T> void run(String what, Callable<T> work, Consumer<T> done) {
        worker.execute(() -> {
            try {
                T result = work.call();
                ui.execute(() -> done.accept(result));
            } catch (Exception | LinkageError e) {
                LOG.warn("{} failed", what, e);
                String message = what + ": " + UserMessages.describe(e);
                ui.execute(() -> notifier.error(message));
            }
        });
    }

    /** Runs {@code work} on the worker thread after everything queued before it (closing, for one). */
    public void execute(Runnable work) {
        worker.execute(work);
    }

    /** Runs {@code work} on the FX thread. */
    public void ui(Runnable work) {
        ui.execute(work);
    }

    public Notifier notifier() {
        return notifier;
    }
}
