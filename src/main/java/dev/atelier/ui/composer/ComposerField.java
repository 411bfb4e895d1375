package dev.atelier.ui.composer;

/** The composer's fields, in the canonical order they are joined into the prompt. */
public enum ComposerField {
    SUBJECT("Subject", true),
    COMPOSITION("Composition", true),
    STYLE("Style", true),
    LIGHTING("Lighting", true),
    FREE_TEXT("Free text", true),
    /** Sent as the negative prompt, never part of the positive text. */
    NEGATIVE("Negative prompt", false),
    /** Text the user typed into the assembled prompt directly (no field behind it). */
    EDITED("Edited prompt", true);

    private final String label;
    private final boolean positive;

    ComposerField(String label, boolean positive) {
        this.label = label;
        this.positive = positive;
    }

    public String label() {
        return label;
    }

    public boolean positive() {
        return positive;
    }

    /** CSS class used to tint this field's text in the assembled prompt. */
    public String cssClass() {
        return "field-" + name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
    }
}
