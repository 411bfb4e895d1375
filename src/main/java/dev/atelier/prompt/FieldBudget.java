package dev.atelier.prompt;

import java.util.List;

/**
 * One field's share of the token budget: its tokens (offsets into the assembled prompt, with chunk
 * and position), those spilling into a later chunk, and those a model without chunking would cut.
 */
public record FieldBudget(FieldSpan span, List<PlacedToken> tokens, int truncationLimit) {
    public FieldBudget {
        if (span == null || tokens == null) {
            throw new IllegalArgumentException("span and tokens must not be null");
        }
        tokens = List.copyOf(tokens);
    }

    public String name() {
        return span.name();
    }

    public int tokenCount() {
        return tokens.size();
    }

    /** Tokens placed in chunk 1 or later: they need the chunked (A1111-style) encoding to be seen. */
    public List<PlacedToken> overflowing() {
        return tokens.stream().filter(t -> t.chunk() > 0).toList();
    }

    /** Tokens beyond the first {@code truncationLimit} prompt tokens: cut by a 77-token encoder without chunking. */
    public List<PlacedToken> truncated() {
        return tokens.stream().filter(t -> t.sequenceIndex() >= truncationLimit).toList();
    }
}
