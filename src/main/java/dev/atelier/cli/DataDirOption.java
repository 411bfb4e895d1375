package dev.atelier.cli;

import dev.atelier.ui.DataFolder;
import picocli.CommandLine.Option;

import java.nio.file.Path;

/**
 * {@code --data-dir}: the user data folder holding {@code library.db} and {@code wildcards/}.
 * Stand-in until the core data-folder class lands (task core16): the option, else
 * {@value #ENV}, else the window's default folder.
 */
final class DataDirOption {
    static final String ENV = "ATELIER_DATA_DIR";

    @Option(names = "--data-dir", paramLabel = "DIR", description = "User data folder (default: $" + ENV + ", else the app's).")
    String dataDir;

    Path folder() {
        if (dataDir != null) {
            return Choices.path("--data-dir", dataDir);
        }
        String env = System.getenv(ENV);
        return env != null && !env.isBlank() ? Path.of(env) : DataFolder.fromEnvironment().root();
    }

    Path wildcards() {
        return folder().resolve("wildcards");
    }
}
