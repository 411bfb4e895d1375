package dev.atelier.onnx;

import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/** Use of one model's sessions; while any lease is open its source never closes them. Closing twice is harmless. */
public final class SessionLease implements AutoCloseable {
    private final ModelSessions sessions;
    private final Runnable release;
    private final AtomicBoolean closed = new AtomicBoolean();

    public SessionLease(ModelSessions sessions, Runnable release) {
        this.sessions = Objects.requireNonNull(sessions, "sessions");
        this.release = Objects.requireNonNull(release, "release");
    }

    public ModelSessions sessions() {
        if (closed.get()) {
            throw new IllegalStateException("session lease is closed");
        }
        return sessions;
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            release.run();
        }
    }
}
