package dev.atelier.ui;

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

    public static PromptFields of(Map<PromptField, String> values, String editedPrompt) {
        return new PromptFields(values.get(PromptField.SUBJECT), values.get(PromptField.COMPOSITION),
                values.get(PromptField.STYLE), values.get(PromptField.LIGHTING), values.get(PromptField.FREE_TEXT),
                values.get(PromptField.NEGATIVE), editedPrompt);
    }

    /** The text of one composer field ({@link PromptField#EDITED} gives the edited prompt or ""). */
    public String get(PromptField field) {
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
        for (PromptField f : PromptField.values()) {
            String text = get(f);
            if (!text.isEmpty() && (f != PromptField.EDITED || edited())) {
                out.put(f.name().toLowerCase(java.util.Locale.ROOT), text);
            }
        }
        return out;
    }

    /** Reads {@link #toMap()}'s form back; unknown names are ignored. */
    public static PromptFields fromMap(java.util.Map<String, String> stored) {
        java.util.Map<PromptField, String> values = new java.util.EnumMap<>(PromptField.class);
        for (PromptField f : PromptField.values()) {
            values.put(f, stored.getOrDefault(f.name().toLowerCase(java.util.Locale.ROOT), ""));
        }
        return of(values, stored.get(PromptField.EDITED.name().toLowerCase(java.util.Locale.ROOT)));
    }
}
