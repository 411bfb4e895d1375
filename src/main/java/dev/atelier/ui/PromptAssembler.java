package dev.atelier.ui;

import java.util.ArrayList;
import java.util.List;

/**
 * Joins the composer fields in canonical order (subject, composition, style, lighting, free text)
 * with ", ", skipping blank ones; the edited prompt, when present, is sent as typed.
 */
public final class PromptAssembler {
    static final String SEPARATOR = ", ";
    private static final List<PromptField> ORDER = List.of(PromptField.SUBJECT, PromptField.COMPOSITION,
            PromptField.STYLE, PromptField.LIGHTING, PromptField.FREE_TEXT);

    private PromptAssembler() {
    }

    public static AssembledPrompt assemble(PromptFields fields) {
        if (fields.edited()) {
            String text = fields.editedPrompt();
            return new AssembledPrompt(text, List.of(new AssembledPrompt.FieldSpan(PromptField.EDITED, 0, text.length())));
        }
        return fromFields(fields);
    }

    /** The prompt the fields alone produce, ignoring any edit. */
    public static AssembledPrompt fromFields(PromptFields fields) {
        StringBuilder text = new StringBuilder();
        List<AssembledPrompt.FieldSpan> spans = new ArrayList<>();
        for (PromptField field : ORDER) {
            String value = normalise(fields.get(field));
            if (value.isEmpty()) {
                continue;
            }
            if (!text.isEmpty()) {
                text.append(SEPARATOR);
            }
            int start = text.length();
            text.append(value);
            spans.add(new AssembledPrompt.FieldSpan(field, start, text.length()));
        }
        return new AssembledPrompt(text.toString(), spans);
    }

    /** Trims and drops trailing separators so a field ending in ", " does not double the comma. */
    static String normalise(String value) {
        String v = value.strip();
        while (v.endsWith(",")) {
            v = v.substring(0, v.length() - 1).strip();
        }
        while (v.startsWith(",")) {
            v = v.substring(1).strip();
        }
        return v;
    }
}
