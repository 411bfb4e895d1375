package dev.atelier.prompt;

import java.util.ArrayList;
import java.util.List;

/**
 * A prompt as encoder inputs, in order. Each chunk is encoded separately and the hidden states are
 * concatenated along the sequence axis, giving (1, 77·k, C); SDXL's pooled embedding comes from
 * chunk 0 only.
 */
public record ChunkedPrompt(List<TokenChunk> chunks) {
    public ChunkedPrompt {
        if (chunks == null || chunks.isEmpty()) {
            throw new IllegalArgumentException("a chunked prompt needs at least one chunk");
        }
        chunks = List.copyOf(chunks);
        int length = chunks.getFirst().length();
        for (TokenChunk c : chunks) {
            if (c.length() != length) {
                throw new IllegalArgumentException("all chunks must have the same length, got " + c.length() + " and " + length);
            }
        }
    }

    public int size() {
        return chunks.size();
    }

    /** This prompt followed by {@code filler} chunks up to {@code count} (A1111's pad_cond_uncond). */
    public ChunkedPrompt padTo(int count, TokenChunk filler) {
        if (count < chunks.size()) {
            throw new IllegalArgumentException("cannot pad " + chunks.size() + " chunks down to " + count);
        }
        List<TokenChunk> out = new ArrayList<>(chunks);
        while (out.size() < count) {
            out.add(filler);
        }
        return new ChunkedPrompt(out);
    }

    /** Every chunk's ids, one after the other (77·k ints). */
    public int[] allIds() {
        return chunks.stream().flatMapToInt(c -> java.util.Arrays.stream(c.ids())).toArray();
    }
}
