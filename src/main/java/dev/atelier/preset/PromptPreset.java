package dev.atelier.preset;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A prompt preset: A1111's "style" ({@code styles.csv} row), InvokeAI's "prompt template",
 * Fooocus' style. Applying it follows A1111's {@code merge_prompts}: a {@code {prompt}} placeholder
 * in the preset text is replaced by the user's prompt, otherwise the preset text is appended after
 * {@code ", "}.
 *
 * @param name           non-blank, unique within a file
 * @param prompt         positive text, may contain {@value #PLACEHOLDER}; null is turned into ""
 * @param negativePrompt negative text, may contain {@value #PLACEHOLDER}; null is turned into ""
 */
public record PromptPreset(String name, String prompt, String negativePrompt) {
    /** Where the user's prompt goes in a preset text. */
    public static final String PLACEHOLDER = "{prompt}";

    public PromptPreset {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("preset name must not be blank");
        }
        prompt = prompt == null ? "" : prompt;
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
    }

    /** The user's prompts with this preset applied to both. */
    public StyledPrompt applyTo(StyledPrompt user) {
        return new StyledPrompt(merge(prompt, user.prompt()), merge(negativePrompt, user.negativePrompt()));
    }

    /** Applies {@code presets} in order, as A1111 does for several selected styles. */
    public static StyledPrompt applyAll(List<PromptPreset> presets, StyledPrompt user) {
        StyledPrompt result = user;
        for (PromptPreset preset : presets) {
            result = preset.applyTo(result);
        }
        return result;
    }

    /**
     * A1111's {@code merge_prompts}: replace every {@code {prompt}} in {@code presetText} by
     * {@code userText}, or else join the stripped non-empty texts with {@code ", "}.
     */
    public static String merge(String presetText, String userText) {
        Objects.requireNonNull(presetText, "presetText");
        Objects.requireNonNull(userText, "userText");
        if (presetText.contains(PLACEHOLDER)) {
            return presetText.replace(PLACEHOLDER, userText);
        }
        String user = userText.strip();
        String preset = presetText.strip();
        if (user.isEmpty()) {
            return preset;
        }
        return preset.isEmpty() ? user : user + ", " + preset;
    }

    /**
     * Undoes {@link #applyTo} (A1111's {@code extract_original_prompts}, used when reading a PNG's
     * parameters): empty when either text does not carry this preset, or when the preset is empty.
     */
    public Optional<StyledPrompt> extractFrom(StyledPrompt styled) {
        if (prompt.isEmpty() && negativePrompt.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> positive = unwrap(prompt, styled.prompt());
        Optional<String> negative = unwrap(negativePrompt, styled.negativePrompt());
        if (positive.isEmpty() || negative.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new StyledPrompt(positive.get(), negative.get()));
    }

    /** A1111's {@code extract_style_text_from_prompt}. */
    static Optional<String> unwrap(String presetText, String styledText) {
        String styled = styledText.strip();
        String preset = presetText.strip();
        int at = preset.indexOf(PLACEHOLDER);
        if (at >= 0) {
            String left = preset.substring(0, at);
            String right = preset.substring(at + PLACEHOLDER.length());
            if (styled.startsWith(left) && styled.endsWith(right)) {
                int end = styled.length() - right.length();
                // Python's slice gives "" when left and right overlap
                return Optional.of(end >= left.length() ? styled.substring(left.length(), end) : "");
            }
            return Optional.empty();
        }
        if (!styled.endsWith(preset)) {
            return Optional.empty();
        }
        String user = styled.substring(0, styled.length() - preset.length());
        return Optional.of(user.endsWith(", ") ? user.substring(0, user.length() - 2) : user);
    }
}
