package dev.atelier.compare;

import java.io.IOException;

/** A grid manifest that cannot be used: newer schema, edited by hand, damaged. The message is for the user. */
public class ManifestException extends IOException {
    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
