package dev.atelier.ui.composer;

import dev.atelier.prompt.FieldSpan;
import dev.atelier.prompt.PromptAssembly;

import java.util.List;

/**
 * Turns the composer's fields into the core {@link PromptAssembly}, the one prompt type the window
 * shows, counts and sends. Fields are normalised here (trimmed, stray commas dropped), then joined by
 * {@link PromptAssembly#join} in canonical order (subject, composition, style, lighting, free text)
 * with ", ", blank ones left out with an empty span. Span names are {@link ComposerField} names. An
 * edited prompt is sent exactly as typed, as one {@link ComposerField#EDITED} span.
 */
public final class PromptAssembler {
    private static final List<ComposerField> ORDER = List.of(ComposerField.SUBJECT, ComposerField.COMPOSITION,
            ComposerField.STYLE, ComposerField.LIGHTING, ComposerField.FREE_TEXT);

    private PromptAssembler() {
    }

    public static PromptAssembly assemble(PromptFields fields) {
        if (fields.edited()) {
            String text = fields.editedPrompt();
            // not join(): a blank edit would be dropped, and the text is sent as typed
            return new PromptAssembly(text, List.of(new FieldSpan(ComposerField.EDITED.name(), 0, text.length())));
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
    public static ComposerField fieldOf(FieldSpan span) {
        return ComposerField.valueOf(span.name());
    }

    /** The core's normalisation ({@link PromptAssembly#normalise}), so the command line assembles alike. */
    static String normalise(String value) {
        return PromptAssembly.normalise(value);
    }
}
