package dev.atelier.compare;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The composer's structured prompt fields, in the order the positive ones are joined. The enum
 * names are the field names the window uses for its spans, so a cell's fields read the same there.
 */
public enum PromptPart {
    SUBJECT(true),
    COMPOSITION(true),
    STYLE(true),
    LIGHTING(true),
    FREE_TEXT(true),
    /** Sent as the negative prompt, never part of the positive text. */
    NEGATIVE(false);

    private final boolean positive;

    PromptPart(boolean positive) {
        this.positive = positive;
    }

    public boolean positive() {
        return positive;
    }

    /** The name used on axes and the command line: {@code subject}, {@code free-text}, … */
    public String axisName() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /** The part an axis name stands for ({@code free-text}, {@code free_text} and {@code FREE_TEXT} alike). */
    public static Optional<PromptPart> fromName(String name) {
        String wanted = name.strip().toUpperCase(Locale.ROOT).replace('-', '_').replace(' ', '_');
        return Arrays.stream(values()).filter(p -> p.name().equals(wanted)).findFirst();
    }

    static String allNames() {
        return Arrays.stream(values()).map(PromptPart::axisName).collect(Collectors.joining(", "));
    }
}
