package dev.atelier.prompt;

import dev.atelier.tokenizer.Token;

/**
 * A prompt token where the chunker put it: {@code token}'s offsets index the original prompt,
 * {@code chunk} is its chunk, {@code position} its index inside that chunk (1..75, after bos), and
 * {@code sequenceIndex} its index among all prompt tokens (what a model without chunking would see).
 */
public record PlacedToken(Token token, float weight, int chunk, int position, int sequenceIndex) {
    public PlacedToken {
        if (token == null) {
            throw new IllegalArgumentException("token must not be null");
        }
        if (chunk < 0 || position < 1 || sequenceIndex < 0) {
            throw new IllegalArgumentException("chunk >= 0, position >= 1 and sequenceIndex >= 0 expected, got "
                    + chunk + ", " + position + ", " + sequenceIndex);
        }
    }

    public int start() {
        return token.start();
    }

    public int end() {
        return token.end();
    }
}
