package dev.atelier.prompt;

/**
 * A parsed fragment plus, for each of its characters, the index of that character in the prompt it
 * came from (escapes drop the backslash, merged runs may join distant text).
 */
record SourcedFragment(PromptFragment fragment, int[] sourceIndex) {
    SourcedFragment {
        if (sourceIndex.length != fragment.text().length()) {
            throw new IllegalArgumentException("one source index per character expected: "
                    + sourceIndex.length + " for " + fragment.text().length());
        }
    }

    /** Prompt offset of fragment offset {@code i}; {@code i == length} maps just past the last character. */
    int promptOffset(int i, int fallback) {
        if (sourceIndex.length == 0) {
            return fallback;
        }
        return i < sourceIndex.length ? sourceIndex[i] : sourceIndex[sourceIndex.length - 1] + 1;
    }

    /** Prompt range {@code [start, end)} of fragment range {@code [start, end)}. */
    int[] promptRange(int start, int end, int fallback) {
        if (sourceIndex.length == 0) {
            return new int[] {fallback, fallback};
        }
        if (end <= start) {
            int at = promptOffset(start, fallback);
            return new int[] {at, at};
        }
        return new int[] {promptOffset(start, fallback), sourceIndex[Math.min(end, sourceIndex.length) - 1] + 1};
    }
}
