package dev.atelier.files;

import java.io.IOException;
import java.nio.file.Path;

/**
 * A file that {@link CheckedFiles} will not read: outside its folder, not a regular file, too
 * large, unreadable. {@link #reason()} is a short phrase for the owner's own exception type.
 */
public final class FileRefusedException extends IOException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;
    private final String reason;

    public FileRefusedException(Path file, String reason, Throwable cause) {
        super(file + ": " + reason, cause);
        this.file = file;
        this.reason = reason;
    }

    /** The file as the caller named it. */
    public Path file() {
        return file;
    }

    /** What is wrong, without the file name, e.g. {@code "permission denied"}. */
    public String reason() {
        return reason;
    }
}
