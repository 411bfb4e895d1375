package dev.atelier.prompt;

/** Where a field's text sits in the assembled prompt: characters {@code [start, end)}; empty for a blank field. */
public record FieldSpan(String name, int start, int end) {
    public FieldSpan {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("a field span needs a name");
        }
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("0 <= start <= end expected for field " + name + ", got " + start + ".." + end);
        }
    }

    public boolean isEmpty() {
        return start == end;
    }

    public boolean contains(int promptOffset) {
        return promptOffset >= start && promptOffset < end;
    }

    /** A prompt offset as an offset into this field's own text. */
    public int toFieldOffset(int promptOffset) {
        return promptOffset - start;
    }
}
