package dev.atelier.ui;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The per-user folder for settings and logs. The system property {@value #PROPERTY} overrides it
 * (tests point it at a temp dir); otherwise XDG_DATA_HOME or ~/.local/share/atelier on Linux,
 * %APPDATA%\Atelier on Windows, ~/Library/Application Support/Atelier on macOS.
 */
public record DataFolder(Path root) {
    public static final String PROPERTY = "atelier.data.dir";

    public DataFolder {
        Objects.requireNonNull(root, "root");
    }

    public static DataFolder fromEnvironment() {
        return resolve(System.getProperty(PROPERTY), System.getProperty("os.name", ""),
                System.getProperty("user.home", "."), System.getenv());
    }

    static DataFolder resolve(String override, String osName, String home, Map<String, String> env) {
        if (override != null && !override.isBlank()) {
            return new DataFolder(Path.of(override));
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

    public Path settingsFile() {
        return root.resolve("settings.json");
    }

    public Path logDir() {
        return root.resolve("logs");
    }
}
