package dev.atelier.onnx;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Loaded sessions keyed by model folder and requested device, reused across generations.
 * Closing the cache closes every session it created; {@link #evict} closes one entry early.
 * Never evicts by itself (a {@code session.SessionPool} does, under a budget). Thread-safe; loading happens under the cache's lock, so one folder is never loaded twice.
 */
public final class SessionCache implements SessionSource, AutoCloseable {
    private record FolderOnDevice(Path root, Device device) {
    }

    private final Map<FolderOnDevice, ModelSessions> entries = new LinkedHashMap<>();
    private boolean closed;

    /** The sessions for {@code folder} on {@code device}, loading them on first use. */
    public synchronized ModelSessions get(ModelFolder folder, Device device) {
        if (closed) {
            throw new IllegalStateException("session cache is closed");
        }
        FolderOnDevice key = new FolderOnDevice(folder.root(), device);
        ModelSessions s = entries.get(key);
        if (s == null) {
            s = ModelSessions.load(folder, device);
            entries.put(key, s);
        }
        return s;
    }

    /** The cached sessions; they stay open until the cache closes or evicts them, so releasing does nothing. */
    @Override
    public SessionLease acquire(ModelFolder folder, Device device) {
        return new SessionLease(get(folder, device), () -> { });
    }

    /** Number of loaded entries. */
    public synchronized int size() {
        return entries.size();
    }

    /** Closes and forgets the sessions of {@code root} on every device. */
    public synchronized void evict(Path root) {
        Path normal = root.toAbsolutePath().normalize();
        entries.entrySet().removeIf(e -> {
            if (e.getKey().root().equals(normal)) {
                e.getValue().close();
                return true;
            }
            return false;
        });
    }

    @Override
    public synchronized void close() {
        closed = true;
        RuntimeException first = null;
        for (ModelSessions s : entries.values()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        entries.clear();
        if (first != null) {
            throw first;
        }
    }
}
