package dev.atelier.ui;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.Executor;
import java.util.function.BiFunction;

/**
 * Remembers the window size and writes settings snapshots: on the worker while the window is in
 * use (the UI thread never waits for the disk), synchronously when the window closes.
 */
final class SettingsKeeper {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsKeeper.class);

    private final SettingsStore store;
    private final Executor worker;
    private double width = Settings.defaults().windowWidth();
    private double height = Settings.defaults().windowHeight();

    SettingsKeeper(SettingsStore store, Executor worker) {
        this.store = store;
        this.worker = worker;
    }

    void windowResized(double w, double h) {
        if (w > 0 && h > 0) {
            width = w;
            height = h;
        }
    }

    /** Snapshot now (UI thread), write later (worker). */
    void saveLater(BiFunction<Double, Double, Settings> snapshot) {
        Settings s = snapshot.apply(width, height);
        worker.execute(() -> write(s));
    }

    void saveNow(Settings s) {
        write(s);
    }

    private void write(Settings s) {
        try {
            store.save(s);
        } catch (IOException e) {
            LOG.warn("Could not save settings to {}", store.file(), e);
        }
    }
}
