package dev.atelier.prompt;

/**
 * A run of prompt text with one emphasis weight, as A1111's {@code parse_prompt_attention} returns it.
 * {@code BREAK} is the marker {@code ("BREAK", -1)}, exactly as in A1111 (so a BREAK whose weight was
 * changed by surrounding brackets becomes plain text again, as it does there).
 */
public record PromptFragment(String text, float weight) {
    /** The chunk-break marker. */
    public static final PromptFragment BREAK = new PromptFragment("BREAK", -1f);

    public PromptFragment {
        if (text == null) {
            throw new IllegalArgumentException("fragment text must not be null");
        }
        if (!Float.isFinite(weight)) {
            throw new IllegalArgumentException("fragment weight must be finite, got " + weight + " for \"" + text + "\"");
        }
    }

    public boolean isBreak() {
        return weight == -1f && "BREAK".equals(text);
    }
}
