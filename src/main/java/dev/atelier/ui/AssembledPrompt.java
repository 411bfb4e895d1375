package dev.atelier.ui;

import java.util.List;
import java.util.Objects;

/**
 * The positive prompt exactly as it will be sent, with the character span each field occupies.
 *
 * @param text  the prompt text
 * @param spans non-overlapping, ascending spans; text between them is the ", " separator
 */
public record AssembledPrompt(String text, List<FieldSpan> spans) {

    /** Characters {@code [start, end)} of {@code text} that came from {@code field}. */
    public record FieldSpan(PromptField field, int start, int end) {
        public FieldSpan {
            Objects.requireNonNull(field, "field");
            if (start < 0 || end < start) {
                throw new IllegalArgumentException("bad span [" + start + ", " + end + ") for " + field);
            }
        }
    }

    public AssembledPrompt {
        Objects.requireNonNull(text, "text");
        spans = List.copyOf(spans);
        for (FieldSpan s : spans) {
            if (s.end() > text.length()) {
                throw new IllegalArgumentException("span " + s + " runs past the prompt (" + text.length() + " chars)");
            }
        }
    }

    /** The field the character at {@code offset} belongs to, or null for a separator. */
    public PromptField fieldAt(int offset) {
        for (FieldSpan s : spans) {
            if (offset >= s.start() && offset < s.end()) {
                return s.field();
            }
        }
        return null;
    }
}
