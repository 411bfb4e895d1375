package dev.atelier.prompt;

import java.util.List;

/**
 * The chunker's full result: the chunks, every prompt token with its place, and A1111's token
 * counter value ({@code 75} per full chunk plus the length of the last one).
 */
public record PromptLayout(ChunkedPrompt chunked, List<PlacedToken> tokens, int a1111TokenCount) {
    public PromptLayout {
        if (chunked == null || tokens == null) {
            throw new IllegalArgumentException("chunks and tokens must not be null");
        }
        tokens = List.copyOf(tokens);
    }

    /** Number of real prompt tokens (no bos/eos/pad). */
    public int tokenCount() {
        return tokens.size();
    }

    public int chunkCount() {
        return chunked.size();
    }
}
