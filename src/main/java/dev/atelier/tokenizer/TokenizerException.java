package dev.atelier.tokenizer;

/** A tokenizer folder that cannot be used; the message names the file and what was expected. */
public final class TokenizerException extends RuntimeException {
    public TokenizerException(String message) {
        super(message);
    }

    public TokenizerException(String message, Throwable cause) {
        super(message, cause);
    }
}
