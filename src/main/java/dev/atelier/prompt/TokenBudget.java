package dev.atelier.prompt;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token counts for the composer: per field and in total, with every token's chunk and character
 * range taken from the tokenizer's offsets. {@code tokenCount} counts real tokens;
 * {@code a1111TokenCount} and {@link #capacity()} are what A1111's counter shows ("N/75", "N/150").
 */
public record TokenBudget(int tokenCount, int a1111TokenCount, int chunkCount, int chunkLength,
                          List<FieldBudget> fields) {
    public TokenBudget {
        fields = List.copyOf(fields);
        if (tokenCount < 0 || chunkCount < 1 || chunkLength < 1) {
            throw new IllegalArgumentException("counts must be positive, got tokens=" + tokenCount
                    + " chunks=" + chunkCount + " chunkLength=" + chunkLength);
        }
    }

    public static TokenBudget of(PromptChunker chunker, PromptAssembly assembly) {
        return of(chunker, assembly, Emphasis.ORIGINAL);
    }

    public static TokenBudget of(PromptChunker chunker, PromptAssembly assembly, Emphasis emphasis) {
        PromptLayout layout = chunker.layout(assembly.prompt(), emphasis);
        Map<String, List<PlacedToken>> byField = new LinkedHashMap<>();
        assembly.spans().forEach(s -> byField.put(s.name(), new ArrayList<>()));
        for (PlacedToken t : layout.tokens()) {
            assembly.fieldAt(t.start()).ifPresent(s -> byField.get(s.name()).add(t));
        }
        List<FieldBudget> fields = assembly.spans().stream()
                .map(s -> new FieldBudget(s, byField.get(s.name()), chunker.chunkLength())).toList();
        return new TokenBudget(layout.tokenCount(), layout.a1111TokenCount(), layout.chunkCount(),
                chunker.chunkLength(), fields);
    }

    /** A1111's counter target: {@code ceil(max(count, 1) / 75) * 75}. */
    public int capacity() {
        return Math.ceilDiv(Math.max(a1111TokenCount, 1), chunkLength) * chunkLength;
    }

    public List<PlacedToken> overflowing() {
        return fields.stream().flatMap(f -> f.overflowing().stream()).toList();
    }

    public List<PlacedToken> truncated() {
        return fields.stream().flatMap(f -> f.truncated().stream()).toList();
    }
}
