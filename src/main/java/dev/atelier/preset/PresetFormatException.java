package dev.atelier.preset;

/** A preset file that cannot be read; the message is one line naming the row or key and what was expected. */
public final class PresetFormatException extends IllegalArgumentException {
    public PresetFormatException(String message) {
        super(message);
    }

    public PresetFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
