package dev.atelier.metadata;

/** Image metadata that cannot be read back; the message is one line naming what was wrong. */
public final class MetadataException extends IllegalArgumentException {
    public MetadataException(String message) {
        super(message);
    }
}
