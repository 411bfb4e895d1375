package dev.atelier.history;

/** A search the full-text index cannot read; the message says what was wrong and what is expected. */
public final class HistorySearchException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    HistorySearchException(String message, Throwable cause) {
        super(message, cause);
    }
}
