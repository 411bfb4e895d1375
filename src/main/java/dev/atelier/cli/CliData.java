package dev.atelier.cli;

import dev.atelier.data.DataFolder;
import picocli.CommandLine.Model.CommandSpec;

/** The data folder a command works in: {@code --data-dir} (a global option), else ATELIER_DATA_DIR, else the platform's. */
final class CliData {
    private CliData() {
    }

    static DataFolder folder(CommandSpec spec) {
        Object root = spec.root().userObject();
        String explicit = root instanceof Main main ? main.dataDir : null;
        if (explicit != null) {
            Choices.path("--data-dir", explicit); // a usage error for an unusable path
        }
        return DataFolder.of(explicit);
    }

    /** Makes the window (which reads the system property) use the folder given on the command line. */
    static void applyToWindow(CommandSpec spec) {
        Object root = spec.root().userObject();
        if (root instanceof Main main && main.dataDir != null) {
            System.setProperty(DataFolder.PROPERTY, folder(spec).root().toString());
        }
    }
}
