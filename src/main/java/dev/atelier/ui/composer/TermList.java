package dev.atelier.ui.composer;

import dev.atelier.prompt.PromptAssembly;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/** A field holding comma-separated terms, as the vocabulary chips toggle them. */
public final class TermList {
    private TermList() {
    }

    public static List<String> terms(String text) {
        return Arrays.stream(text.split(",")).map(String::strip).filter(t -> !t.isEmpty()).toList();
    }

    public static boolean contains(String text, String term) {
        String wanted = term.strip().toLowerCase(Locale.ROOT);
        return terms(text).stream().anyMatch(t -> t.toLowerCase(Locale.ROOT).equals(wanted));
    }

    /** Adds {@code term} at the end when absent, removes every occurrence when present; keeps other text. */
    public static String toggle(String text, String term) {
        List<String> terms = new ArrayList<>(terms(text));
        String wanted = term.strip();
        boolean removed = terms.removeIf(t -> t.equalsIgnoreCase(wanted));
        if (!removed) {
            terms.add(wanted);
        }
        return String.join(PromptAssembly.SEPARATOR, terms);
    }
}
