package dev.atelier.onnx;

import java.nio.file.Path;

/**
 * A model folder that Atelier cannot use. The message is meant for users: it names the file and
 * says what was expected, in one line.
 */
public class ModelFolderException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient Path file;

    public ModelFolderException(Path file, String message) {
        super(file + ": " + message);
        this.file = file;
    }

    public ModelFolderException(Path file, String message, Throwable cause) {
        super(file + ": " + message, cause);
        this.file = file;
    }

    /** The file or folder the problem is about. */
    public Path file() {
        return file;
    }
}
