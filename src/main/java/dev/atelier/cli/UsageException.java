package dev.atelier.cli;

/** Bad command-line input found after parsing; becomes exit code 2 and one line on stderr. */
final class UsageException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
