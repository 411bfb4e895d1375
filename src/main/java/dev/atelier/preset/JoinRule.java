package dev.atelier.preset;

import java.util.Objects;

/**
 * How a style's text is combined with what the user typed, by the tool the style came from
 * (see docs/FORMATS.md; facts from the tools' sources, restated in LIBRARY-AND-PROVENANCE.md).
 * With a {@value PromptPreset#PLACEHOLDER} every tool substitutes; they differ without one.
 */
public enum JoinRule {
    /** A1111/Forge (and Atelier): both texts stripped, joined with {@code ", "}, empty parts dropped. */
    A1111,
    /** InvokeAI prompt templates: the template text appended after a single space. */
    INVOKEAI,
    /** Fooocus: the style text alone (its styles always carry the placeholder). */
    FOOOCUS,
    /** SwarmUI presets: the preset value replaces the parameter. */
    SWARMUI;

    /** {@code presetText} applied to {@code userText}. */
    public String join(String presetText, String userText) {
        Objects.requireNonNull(presetText, "presetText");
        Objects.requireNonNull(userText, "userText");
        if (presetText.contains(PromptPreset.PLACEHOLDER)) {
            return presetText.replace(PromptPreset.PLACEHOLDER, userText);
        }
        return switch (this) {
            case A1111 -> PromptPreset.merge(presetText, userText);
            case INVOKEAI -> presetText.isEmpty() ? userText : userText.isEmpty() ? presetText : userText + " " + presetText;
            case FOOOCUS, SWARMUI -> presetText;
        };
    }
}
