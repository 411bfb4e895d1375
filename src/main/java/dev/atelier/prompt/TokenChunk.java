package dev.atelier.prompt;

import java.util.Arrays;

/**
 * One text-encoder input: bos + 75 tokens + eos (77 for every Stable Diffusion tokenizer), padded
 * after the first eos with the tokenizer's pad id, and one emphasis weight per position (1 for
 * bos/eos/pad). The arrays are copied in and out, so a chunk is immutable.
 */
public record TokenChunk(int[] ids, float[] weights) {
    public TokenChunk {
        if (ids == null || weights == null) {
            throw new IllegalArgumentException("ids and weights must not be null");
        }
        if (ids.length != weights.length || ids.length < 3) {
            throw new IllegalArgumentException("a chunk needs as many weights as ids (at least bos, one token, eos), got "
                    + ids.length + " ids and " + weights.length + " weights");
        }
        for (float w : weights) {
            if (!Float.isFinite(w)) {
                throw new IllegalArgumentException("chunk weights must be finite, got " + w);
            }
        }
        ids = ids.clone();
        weights = weights.clone();
    }

    @Override
    public int[] ids() {
        return ids.clone();
    }

    @Override
    public float[] weights() {
        return weights.clone();
    }

    public int length() {
        return ids.length;
    }

    /** True when no position is emphasised, so emphasis can be skipped. */
    public boolean unweighted() {
        for (float w : weights) {
            if (w != 1f) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TokenChunk c && Arrays.equals(ids, c.ids) && Arrays.equals(weights, c.weights);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(ids) + Arrays.hashCode(weights);
    }

    @Override
    public String toString() {
        return "TokenChunk" + Arrays.toString(ids) + Arrays.toString(weights);
    }
}
