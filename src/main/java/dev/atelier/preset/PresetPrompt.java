package dev.atelier.preset;

import dev.atelier.prompt.PromptAssembly;
import dev.atelier.prompt.PromptField;

import java.util.List;
import java.util.Objects;

/**
 * The structured prompt of a preset: the composer's five positive fields and the negative prompt.
 * Any may be empty; any may hold {@value PromptPreset#PLACEHOLDER}. A style imported from another
 * tool has only {@code freeText} (its positive text) and {@code negative}.
 */
public record PresetPrompt(String subject, String composition, String style, String lighting,
                           String freeText, String negative) {
    /** Field names, the same as the composer's ({@code ui.PromptField} constant names). */
    public static final String SUBJECT = "SUBJECT";
    public static final String COMPOSITION = "COMPOSITION";
    public static final String STYLE = "STYLE";
    public static final String LIGHTING = "LIGHTING";
    public static final String FREE_TEXT = "FREE_TEXT";
    public static final String NEGATIVE = "NEGATIVE";
    /** The positive field names in the order the composer joins them. */
    public static final List<String> POSITIVE_FIELDS = List.of(SUBJECT, COMPOSITION, STYLE, LIGHTING, FREE_TEXT);

    public PresetPrompt {
        subject = Objects.requireNonNullElse(subject, "");
        composition = Objects.requireNonNullElse(composition, "");
        style = Objects.requireNonNullElse(style, "");
        lighting = Objects.requireNonNullElse(lighting, "");
        freeText = Objects.requireNonNullElse(freeText, "");
        negative = Objects.requireNonNullElse(negative, "");
    }

    /** A style from another tool: one positive text and one negative text. */
    public static PresetPrompt style(String positive, String negative) {
        return new PresetPrompt("", "", "", "", positive, negative);
    }

    public static PresetPrompt empty() {
        return style("", "");
    }

    /** Whether only the free text and negative are set (a style as A1111, InvokeAI, Fooocus know it). */
    public boolean isStyle() {
        return subject.isEmpty() && composition.isEmpty() && style.isEmpty() && lighting.isEmpty();
    }

    /** The positive fields as core prompt fields, in composer order. */
    public List<PromptField> positiveFields() {
        return List.of(new PromptField(SUBJECT, subject), new PromptField(COMPOSITION, composition),
                new PromptField(STYLE, style), new PromptField(LIGHTING, lighting), new PromptField(FREE_TEXT, freeText));
    }

    /** The positive text as the composer assembles it (for tools that know one positive text only). */
    public String positive() {
        return PromptAssembly.join(positiveFields()).prompt();
    }

    /** The text of one field by name ({@link #NEGATIVE} included). */
    public String get(String field) {
        return switch (field) {
            case SUBJECT -> subject;
            case COMPOSITION -> composition;
            case STYLE -> style;
            case LIGHTING -> lighting;
            case FREE_TEXT -> freeText;
            case NEGATIVE -> negative;
            default -> throw new IllegalArgumentException("unknown prompt field '" + field + "', expected one of "
                    + POSITIVE_FIELDS + " or " + NEGATIVE);
        };
    }
}
