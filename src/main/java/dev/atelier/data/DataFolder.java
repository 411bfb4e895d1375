package dev.atelier.data;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The per-user folder for settings, logs, the history database, generated images and other
 * stores (a preset library keeps its own file here through {@link #resolve}).
 *
 * <p>Where it is, first match wins: the system property {@value #PROPERTY} (the CLI's
 * {@code --data-dir} sets it; tests point it at a temp dir), the environment variable
 * {@value #ENVIRONMENT}, else XDG_DATA_HOME or ~/.local/share/atelier on Linux,
 * %APPDATA%\Atelier on Windows, ~/Library/Application Support/Atelier on macOS.
 */
public record DataFolder(Path root) {
    public static final String PROPERTY = "atelier.data.dir";
    public static final String ENVIRONMENT = "ATELIER_DATA_DIR";

    public DataFolder {
        Objects.requireNonNull(root, "root");
    }

    /** The folder chosen by the system property, the environment or the platform's convention. */
    public static DataFolder fromEnvironment() {
        return locate(System.getProperty(PROPERTY), System.getProperty("os.name", ""),
                System.getProperty("user.home", "."), System.getenv());
    }

    /** {@code explicit} (e.g. a {@code --data-dir} value) when given, else {@link #fromEnvironment()}. */
    public static DataFolder of(String explicit) {
        return explicit == null || explicit.isBlank() ? fromEnvironment() : new DataFolder(Path.of(explicit));
    }

    static DataFolder locate(String override, String osName, String home, Map<String, String> env) {
        if (override != null && !override.isBlank()) {
            return new DataFolder(Path.of(override));
        }
        String fromEnv = env.get(ENVIRONMENT);
        if (fromEnv != null && !fromEnv.isBlank()) {
            return new DataFolder(Path.of(fromEnv));
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return new DataFolder(appData != null && !appData.isBlank()
                    ? Path.of(appData, "Atelier") : Path.of(home, "AppData", "Roaming", "Atelier"));
        }
        if (os.contains("mac")) {
            return new DataFolder(Path.of(home, "Library", "Application Support", "Atelier"));
        }
        String xdg = env.get("XDG_DATA_HOME");
        return new DataFolder(xdg != null && !xdg.isBlank()
                ? Path.of(xdg, "atelier") : Path.of(home, ".local", "share", "atelier"));
    }

    /** The root itself. */
    public Path path() {
        return root;
    }

    /** A file or folder inside the data folder, e.g. {@code resolve("library.db")}. */
    public Path resolve(String relative) {
        Path p = root.resolve(relative).normalize();
        if (!p.startsWith(root.normalize())) {
            throw new IllegalArgumentException("'" + relative + "' leaves the data folder " + root);
        }
        return p;
    }

    /** Creates the root (and parents) when missing and returns it. */
    public Path ensureExists() throws IOException {
        return Files.createDirectories(root);
    }

    public Path settingsFile() {
        return resolve("settings.json");
    }

    public Path logDir() {
        return resolve("logs");
    }

    public Path historyDatabase() {
        return resolve("history.db");
    }

    /** Where generated images are saved, one sub-folder per day. */
    public Path imagesDir() {
        return resolve("images");
    }

    /** Where deleted history images are moved. */
    public Path trashDir() {
        return resolve("trash");
    }
}
