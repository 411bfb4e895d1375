package dev.atelier.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The composer's fields joined into the final prompt with {@value #SEPARATOR}, remembering each
 * field's character range. Blank fields are left out of the prompt (no doubled separators) and get
 * an empty span. Field text is kept exactly as typed, so field offsets map back without trimming.
 */
public record PromptAssembly(String prompt, List<FieldSpan> spans) {
    public static final String SEPARATOR = ", ";

    public PromptAssembly {
        if (prompt == null || spans == null) {
            throw new IllegalArgumentException("prompt and spans must not be null");
        }
        spans = List.copyOf(spans);
        java.util.Set<String> names = new java.util.HashSet<>();
        for (FieldSpan s : spans) {
            if (!names.add(s.name())) {
                throw new IllegalArgumentException("field names must be unique, \"" + s.name() + "\" appears twice");
            }
            if (s.end() > prompt.length()) {
                throw new IllegalArgumentException("field " + s.name() + " ends at " + s.end()
                        + ", past the prompt's " + prompt.length() + " characters");
            }
        }
    }

    public static PromptAssembly join(List<PromptField> fields) {
        StringBuilder prompt = new StringBuilder();
        List<FieldSpan> spans = new ArrayList<>(fields.size());
        for (PromptField f : fields) {
            if (f.text().isBlank()) {
                spans.add(new FieldSpan(f.name(), prompt.length(), prompt.length()));
                continue;
            }
            if (!prompt.isEmpty()) {
                prompt.append(SEPARATOR);
            }
            spans.add(new FieldSpan(f.name(), prompt.length(), prompt.length() + f.text().length()));
            prompt.append(f.text());
        }
        return new PromptAssembly(prompt.toString(), spans);
    }

    /**
     * The composer's assembly: each field {@link #normalise normalised}, then {@link #join joined}.
     * The window, {@code generate --subject ...} and grid cells all assemble this way.
     */
    public static PromptAssembly composed(List<PromptField> fields) {
        return join(fields.stream().map(f -> new PromptField(f.name(), normalise(f.text()))).toList());
    }

    /** Trims and drops stray leading/trailing commas so a field ending in ", " does not double the comma. */
    public static String normalise(String value) {
        String v = value.strip();
        while (v.endsWith(",")) {
            v = v.substring(0, v.length() - 1).strip();
        }
        while (v.startsWith(",")) {
            v = v.substring(1).strip();
        }
        return v;
    }

    /** A free-text prompt as a single field named {@code name}. */
    public static PromptAssembly single(String name, String prompt) {
        return join(List.of(new PromptField(name, prompt)));
    }

    public Optional<FieldSpan> span(String name) {
        return spans.stream().filter(s -> s.name().equals(name)).findFirst();
    }

    /**
     * The field a prompt offset belongs to: the one containing it, else (a separator) the last
     * non-empty field before it, so per-field counts add up to the prompt's count.
     */
    public Optional<FieldSpan> fieldAt(int promptOffset) {
        FieldSpan before = null;
        for (FieldSpan s : spans) {
            if (s.isEmpty()) {
                continue;
            }
            if (s.contains(promptOffset)) {
                return Optional.of(s);
            }
            if (s.start() <= promptOffset) {
                before = s;
            }
        }
        if (before == null) {
            return spans.stream().filter(s -> !s.isEmpty()).findFirst();
        }
        return Optional.of(before);
    }
}
