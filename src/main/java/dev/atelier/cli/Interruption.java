package dev.atelier.cli;

import dev.atelier.pipeline.CancelFlag;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C (SIGINT) or SIGTERM while a command runs: a shutdown hook sets the command's
 * {@link CancelFlag} and holds the JVM's exit until the command has stopped at the next step and
 * printed its one line, which it does before closing this (the JVM then exits with 130, 128 +
 * SIGINT). Closing releases a waiting hook, or removes it when no signal came.
 */
final class Interruption implements AutoCloseable {
    /** Longest wait for the command to notice the flag; one step of a large model can take this long. */
    private static final long GRACE_SECONDS = 60;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private Interruption(Runnable cancel) {
        this.hook = new Thread(() -> {
            cancel.run();
            try {
                finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "atelier-cancel-on-signal");
    }

    /** Installs the hook for the duration of a try-with-resources block. */
    static Interruption cancelling(CancelFlag cancel) {
        return onSignal(cancel::cancel);
    }

    /** Installs a hook running {@code cancel} on a signal, for the duration of a try-with-resources block. */
    static Interruption onSignal(Runnable cancel) {
        Interruption i = new Interruption(cancel);
        Runtime.getRuntime().addShutdownHook(i.hook);
        return i;
    }

    @Override
    public void close() {
        finished.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // shutting down already: the hook was released above
        }
    }
}
