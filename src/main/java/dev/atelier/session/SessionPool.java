package dev.atelier.session;

import dev.atelier.onnx.Device;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.onnx.ModelSessions;
import dev.atelier.onnx.SessionLease;
import dev.atelier.onnx.SessionSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.stream.Stream;

/**
 * Sessions shared by every job and model: loaded once per (model folder, device), handed out as
 * leases, and closed least-recently-used first when more than the {@link SessionBudget} is
 * resident. A model with an open lease is never closed; the pool may then stay over budget until
 * the lease closes. Thread-safe; loading happens under the pool's lock, so a model is never
 * loaded twice at once.
 */
public final class SessionPool implements SessionSource, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SessionPool.class);

    /** A loaded model; {@code leases} counts the open leases. */
    private static final class LoadedModel {
        final ModelSessions sessions;
        final long bytes;
        int leases;

        LoadedModel(ModelSessions sessions, long bytes) {
            this.sessions = sessions;
            this.bytes = bytes;
        }
    }

    /** Which model on which device. */
    public record Key(Path root, Device device) {
        public Key {
            root = root.toAbsolutePath().normalize();
        }
    }

    private final SessionBudget budget;
    private final BiFunction<ModelFolder, Device, ModelSessions> loader;
    /** Access order: the first entry is the least recently used. */
    private final LinkedHashMap<Key, LoadedModel> entries = new LinkedHashMap<>(8, 0.75f, true);
    private final Map<Key, Integer> loads = new HashMap<>();
    private long created;
    private long evicted;
    private boolean closed;

    public SessionPool() {
        this(SessionBudget.DEFAULT);
    }

    public SessionPool(SessionBudget budget) {
        this(budget, ModelSessions::load);
    }

    /** A pool loading with {@code loader} (the real one is {@link ModelSessions#load}). */
    public SessionPool(SessionBudget budget, BiFunction<ModelFolder, Device, ModelSessions> loader) {
        this.budget = Objects.requireNonNull(budget, "budget");
        this.loader = Objects.requireNonNull(loader, "loader");
    }

    @Override
    public synchronized SessionLease acquire(ModelFolder folder, Device device) {
        if (closed) {
            throw new IllegalStateException("session pool is closed");
        }
        Key key = new Key(folder.root(), device);
        LoadedModel entry = entries.get(key);
        if (entry == null) {
            long bytes = modelBytes(folder.root());
            entry = new LoadedModel(loader.apply(folder, device), bytes);
            entries.put(key, entry);
            created++;
            loads.merge(key, 1, Integer::sum);
            LOG.debug("loaded {} on {} ({} bytes)", key.root(), device, bytes);
        }
        entry.leases++;
        LoadedModel held = entry;
        evictOverBudget();
        return new SessionLease(held.sessions, () -> release(held));
    }

    private synchronized void release(LoadedModel entry) {
        entry.leases--;
        if (closed && entry.leases == 0) {
            closeQuietly(entry);
        } else {
            evictOverBudget();
        }
    }

    /**
     * Closes unused models, least recently used first, until the rest fits the budget. The most
     * recently used model stays even when it alone is over the byte budget: the next job likely needs it.
     */
    private void evictOverBudget() {
        Iterator<Map.Entry<Key, LoadedModel>> it = entries.entrySet().iterator();
        int left = entries.size();
        while (!budget.fits(entries.size(), residentBytes()) && left-- > 1) {
            Map.Entry<Key, LoadedModel> e = it.next();
            if (e.getValue().leases == 0) {
                it.remove();
                evicted++;
                LOG.debug("evicted {} on {}", e.getKey().root(), e.getKey().device());
                closeQuietly(e.getValue());
            }
        }
    }

    private long residentBytes() {
        long sum = 0;
        for (LoadedModel e : entries.values()) {
            sum += e.bytes;
        }
        return sum;
    }

    /** Bytes of a model folder's files: what its sessions roughly hold in memory. */
    static long modelBytes(Path root) {
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot measure model folder " + root + ": " + e.getMessage(), e);
        }
    }

    private static void closeQuietly(LoadedModel e) {
        try {
            e.sessions.close();
        } catch (RuntimeException ex) {
            LOG.warn("closing sessions of {} failed: {}", e.sessions.folder().root(), ex.toString());
        }
    }

    /** Sessions loaded so far (every model load counts, reloads after eviction included). */
    public synchronized long sessionsCreated() {
        return created;
    }

    /** How many times {@code folder} was loaded on {@code device}. */
    public synchronized int loads(Path folder, Device device) {
        return loads.getOrDefault(new Key(folder, device), 0);
    }

    /** Models closed to stay within the budget. */
    public synchronized long evictions() {
        return evicted;
    }

    /** The resident models, least recently used first. */
    public synchronized List<Key> resident() {
        return new ArrayList<>(entries.keySet());
    }

    /** Open leases on {@code folder} on {@code device}. */
    public synchronized int leases(Path folder, Device device) {
        Key key = new Key(folder, device);
        for (Map.Entry<Key, LoadedModel> e : entries.entrySet()) { // get() would count as a use
            if (e.getKey().equals(key)) {
                return e.getValue().leases;
            }
        }
        return 0;
    }

    public SessionBudget budget() {
        return budget;
    }

    /** Closes every model without an open lease now, and the others when their last lease closes. */
    @Override
    public synchronized void close() {
        closed = true;
        Iterator<LoadedModel> it = entries.values().iterator();
        while (it.hasNext()) {
            LoadedModel e = it.next();
            if (e.leases == 0) {
                closeQuietly(e);
            }
            it.remove();
        }
    }
}
