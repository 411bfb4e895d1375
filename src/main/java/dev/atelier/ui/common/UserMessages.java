package dev.atelier.ui.common;

import java.io.IOException;
import java.nio.file.NoSuchFileException;

/** Turns exceptions into one line a designer can act on; the stack trace goes to the log only. */
public final class UserMessages {
    private UserMessages() {
    }

    public static String describe(Throwable error) {
        Throwable t = error;
        // Wrappers (execution, unchecked IO) add nothing a user can act on: report what they wrap.
        while (t.getCause() != null && (t.getMessage() == null || isWrapper(t))) {
            t = t.getCause();
        }
        if (t instanceof OutOfMemoryError) {
            return "Out of memory: try a smaller image size or fewer models open.";
        }
        if (t instanceof NoSuchFileException e) {
            return "File not found: " + e.getFile();
        }
        String message = t.getMessage();
        if (message == null || message.isBlank()) {
            return t.getClass().getSimpleName().replaceAll("(Exception|Error)$", "") + " (see the log for details)";
        }
        String firstLine = message.strip().lines().findFirst().orElse(message);
        return t instanceof IOException ? "Could not read or write a file: " + firstLine : firstLine;
    }

    private static boolean isWrapper(Throwable t) {
        return t instanceof java.util.concurrent.ExecutionException
                || t instanceof java.util.concurrent.CompletionException
                || t instanceof java.io.UncheckedIOException
                || t.getClass() == RuntimeException.class;
    }
}
