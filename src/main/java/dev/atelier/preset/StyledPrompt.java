package dev.atelier.preset;

/**
 * A positive and a negative prompt, before or after presets are applied.
 *
 * @param prompt         positive prompt; null is turned into ""
 * @param negativePrompt negative prompt; null is turned into ""
 */
public record StyledPrompt(String prompt, String negativePrompt) {
    public StyledPrompt {
        prompt = prompt == null ? "" : prompt;
        negativePrompt = negativePrompt == null ? "" : negativePrompt;
    }
}
