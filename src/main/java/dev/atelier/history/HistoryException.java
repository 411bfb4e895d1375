package dev.atelier.history;

/** The history database could not be read or written; the message is one line for the user. */
public final class HistoryException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    HistoryException(String message, Throwable cause) {
        super(message, cause);
    }
}
