package dev.atelier.prompt;

/** A positive and a negative prompt with the same number of chunks, ready for one CFG batch. */
public record CondUncond(ChunkedPrompt cond, ChunkedPrompt uncond) {
    public CondUncond {
        if (cond == null || uncond == null) {
            throw new IllegalArgumentException("cond and uncond must not be null");
        }
        if (cond.size() != uncond.size()) {
            throw new IllegalArgumentException("cond and uncond must have the same chunk count, got "
                    + cond.size() + " and " + uncond.size());
        }
    }
}
