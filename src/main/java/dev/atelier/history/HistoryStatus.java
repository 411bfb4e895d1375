package dev.atelier.history;

import java.util.Locale;

/** Whether a history row's image is where the row says. */
public enum HistoryStatus {
    /** The image file is in place. */
    OK,
    /** The file was gone at start-up; the row is kept, never silently dropped. */
    MISSING,
    /** Deleted by the user: the file was moved to the trash. */
    DELETED;

    String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static HistoryStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
