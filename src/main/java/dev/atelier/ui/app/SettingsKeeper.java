package dev.atelier.ui.app;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.concurrent.Executor;

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
    private Double x;
    private Double y;

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

    void windowMoved(double left, double top) {
        if (Double.isFinite(left) && Double.isFinite(top)) {
            x = left;
            y = top;
        }
    }

    /** Snapshot now (UI thread), write later (worker). */
    void saveLater(WindowSnapshot snapshot) {
        Settings s = snapshot.settings(width, height, x, y);
        worker.execute(() -> write(s));
    }

    /** Settings for the window's current bounds. */
    interface WindowSnapshot {
        Settings settings(double width, double height, Double x, Double y);
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
