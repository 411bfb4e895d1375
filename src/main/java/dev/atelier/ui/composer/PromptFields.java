package dev.atelier.ui.composer;

import java.util.Map;
import java.util.Objects;

/**
 * What the designer typed into the composer. {@code editedPrompt} is non-null when they edited the
 * assembled prompt as text: then it, not the fields, is what gets sent.
 */
public record PromptFields(String subject, String composition, String style, String lighting,
                           String freeText, String negative, String editedPrompt) {

    public PromptFields {
        subject = Objects.requireNonNullElse(subject, "");
        composition = Objects.requireNonNullElse(composition, "");
        style = Objects.requireNonNullElse(style, "");
        lighting = Objects.requireNonNullElse(lighting, "");
        freeText = Objects.requireNonNullElse(freeText, "");
        negative = Objects.requireNonNullElse(negative, "");
    }

    public static PromptFields empty() {
        return new PromptFields("", "", "", "", "", "", null);
    }

    public static PromptFields of(Map<ComposerField, String> values, String editedPrompt) {
        return new PromptFields(values.get(ComposerField.SUBJECT), values.get(ComposerField.COMPOSITION),
                values.get(ComposerField.STYLE), values.get(ComposerField.LIGHTING), values.get(ComposerField.FREE_TEXT),
                values.get(ComposerField.NEGATIVE), editedPrompt);
    }

    /** The text of one composer field ({@link ComposerField#EDITED} gives the edited prompt or ""). */
    public String get(ComposerField field) {
        return switch (field) {
            case SUBJECT -> subject;
            case COMPOSITION -> composition;
            case STYLE -> style;
            case LIGHTING -> lighting;
            case FREE_TEXT -> freeText;
            case NEGATIVE -> negative;
            case EDITED -> editedPrompt == null ? "" : editedPrompt;
        };
    }

    public boolean edited() {
        return editedPrompt != null;
    }

    /** The fields as the history stores them: field name (lower case) → text, blank ones left out. */
    public java.util.Map<String, String> toMap() {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        for (ComposerField f : ComposerField.values()) {
            String text = get(f);
            if (!text.isEmpty() && (f != ComposerField.EDITED || edited())) {
                out.put(f.name().toLowerCase(java.util.Locale.ROOT), text);
            }
        }
        return out;
    }

    /** Reads {@link #toMap()}'s form back; unknown names are ignored. */
    public static PromptFields fromMap(java.util.Map<String, String> stored) {
        java.util.Map<ComposerField, String> values = new java.util.EnumMap<>(ComposerField.class);
        for (ComposerField f : ComposerField.values()) {
            values.put(f, stored.getOrDefault(f.name().toLowerCase(java.util.Locale.ROOT), ""));
        }
        return of(values, stored.get(ComposerField.EDITED.name().toLowerCase(java.util.Locale.ROOT)));
    }
}
