package dev.atelier.ui.app;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.atelier.image.AtomicFiles;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Loads and saves {@link Settings} as JSON; a save goes to a temp file that is atomically moved. */
public final class SettingsStore {
    private static final Logger LOG = LoggerFactory.getLogger(SettingsStore.class);

    private final Path file;
    private final ObjectMapper json;

    public SettingsStore(Path file, ObjectMapper json) {
        this.file = file;
        this.json = json.copy()
                .configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false)
                .enable(SerializationFeature.INDENT_OUTPUT);
    }

    public Path file() {
        return file;
    }

    /** The saved settings, or the defaults when there is no file or it cannot be read (logged). */
    public Settings load() {
        if (!Files.isRegularFile(file)) {
            return Settings.defaults();
        }
        try {
            Settings s = json.readValue(file.toFile(), Settings.class);
            return s == null ? Settings.defaults() : s;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Settings file {} is unreadable, starting with defaults: {}", file, e.getMessage());
            return Settings.defaults();
        }
    }

    /**
     * Reads {@code file} as {@link #load} does, for its classes only and without a word: the window's
     * warm-up thread runs it beside JavaFX's start, and {@link #load} reports a bad file once, later.
     */
    static void warmUp(Path file) {
        try {
            if (Files.isRegularFile(file)) {
                new SettingsStore(file, new ObjectMapper()).json.readValue(file.toFile(), Settings.class);
            }
        } catch (IOException | RuntimeException e) {
            // load() says so
        }
    }

    public void save(Settings settings) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        AtomicFiles.writeBytes(file, json.writeValueAsBytes(settings));
    }
}
