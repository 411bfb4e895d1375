package dev.atelier.ui;

import dev.atelier.prompt.FieldSpan;
import dev.atelier.prompt.PromptAssembly;

import java.util.List;

/**
 * Turns the composer's fields into the core {@link PromptAssembly}, the one prompt type the window
 * shows, counts and sends. Fields are normalised here (trimmed, stray commas dropped), then joined by
 * {@link PromptAssembly#join} in canonical order (subject, composition, style, lighting, free text)
 * with ", ", blank ones left out with an empty span. Span names are {@link PromptField} names. An
 * edited prompt is sent exactly as typed, as one {@link PromptField#EDITED} span.
 */
public final class PromptAssembler {
    private static final List<PromptField> ORDER = List.of(PromptField.SUBJECT, PromptField.COMPOSITION,
            PromptField.STYLE, PromptField.LIGHTING, PromptField.FREE_TEXT);

    private PromptAssembler() {
    }

    public static PromptAssembly assemble(PromptFields fields) {
        if (fields.edited()) {
            String text = fields.editedPrompt();
            // not join(): a blank edit would be dropped, and the text is sent as typed
            return new PromptAssembly(text, List.of(new FieldSpan(PromptField.EDITED.name(), 0, text.length())));
        }
        return fromFields(fields);
    }

    /** The prompt the fields alone produce, ignoring any edit. */
    public static PromptAssembly fromFields(PromptFields fields) {
        return PromptAssembly.join(ORDER.stream()
                .map(f -> new dev.atelier.prompt.PromptField(f.name(), normalise(fields.get(f)))).toList());
    }

    /** The negative prompt exactly as it is sent (and so as it is counted); "" when there is none. */
    public static String negative(PromptFields fields) {
        return normalise(fields.negative());
    }

    /** The composer field a span of an assembly made here stands for. */
    public static PromptField fieldOf(FieldSpan span) {
        return PromptField.valueOf(span.name());
    }

    /** The core's normalisation ({@link PromptAssembly#normalise}), so the command line assembles alike. */
    static String normalise(String value) {
        return PromptAssembly.normalise(value);
    }
}
