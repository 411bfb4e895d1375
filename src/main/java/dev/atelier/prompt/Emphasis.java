package dev.atelier.prompt;

/**
 * How token weights act on the text encoder's output (A1111 {@code sd_emphasis.py}). Applied to the
 * hidden states of one chunk after the transformer, never to the input embeddings; SDXL applies it
 * to each encoder's output separately, and the pooled embedding is left as encoded.
 */
public enum Emphasis {
    /** A1111 "Original" (its default): scale each token, then restore the chunk's overall mean. */
    ORIGINAL,
    /** A1111 "No norm": scale each token only; "seems to work better for SDXL". */
    NO_NORM,
    /** A1111 "None": brackets are plain text, weights are never applied. */
    NONE;

    /**
     * Multiplies token {@code t}'s vector {@code hidden[t*width .. (t+1)*width)} by {@code weights[t]}
     * in place; {@link #ORIGINAL} then rescales so the mean over all {@code tokens × width} values is
     * what it was. Does nothing when every weight is 1 (the result would be identical).
     */
    public void apply(float[] hidden, int tokens, int width, float[] weights) {
        if (hidden == null || weights == null) {
            throw new IllegalArgumentException("hidden states and weights must not be null");
        }
        if (tokens < 1 || width < 1 || (long) tokens * width != hidden.length) {
            throw new IllegalArgumentException("hidden states of " + tokens + " tokens × " + width
                    + " values expected, got " + hidden.length + " values");
        }
        if (weights.length != tokens) {
            throw new IllegalArgumentException("one weight per token expected: " + tokens + ", got " + weights.length);
        }
        if (this == NONE || allOnes(weights)) {
            return;
        }
        double originalMean = mean(hidden);
        for (int t = 0; t < tokens; t++) {
            float w = weights[t];
            if (w != 1f) {
                for (int i = t * width, end = i + width; i < end; i++) {
                    hidden[i] *= w;
                }
            }
        }
        if (this == ORIGINAL) {
            double newMean = mean(hidden);
            if (newMean != 0 && Double.isFinite(newMean)) {  // A1111 would divide by zero here
                float scale = (float) (originalMean / newMean);
                for (int i = 0; i < hidden.length; i++) {
                    hidden[i] *= scale;
                }
            }
        }
    }

    private static boolean allOnes(float[] weights) {
        for (float w : weights) {
            if (w != 1f) {
                return false;
            }
        }
        return true;
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }
}
