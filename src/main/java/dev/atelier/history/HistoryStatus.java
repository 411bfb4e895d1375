package dev.atelier.history;

import java.util.Locale;

/** Whether a history row's image is where the row says. */
public enum HistoryStatus {
    /** The image file is in place. */
    OK,
    /** The file was gone at start-up; the row is kept, never silently dropped. */
    MISSING,
    /** Deleted by the user: the file was moved to the trash. */
    DELETED,
    /**
     * Committed before its image is written, and set to {@link #OK} once the image is in place, so
     * that a signal or a kill between the two leaves a row the next start repairs: kept when the
     * image is there, dropped when it is not. Never listed or counted.
     */
    PENDING;

    String dbName() {
        return name().toLowerCase(Locale.ROOT);
    }

    static HistoryStatus fromDb(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
