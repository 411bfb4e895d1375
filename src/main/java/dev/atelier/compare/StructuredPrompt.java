package dev.atelier.compare;

import dev.atelier.prompt.PromptAssembly;
import dev.atelier.prompt.PromptField;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A prompt as the composer's fields: one {@link PromptField} per {@link PromptPart}, in part
 * order, each possibly empty. The positive prompt is their {@link PromptAssembly#composed}.
 */
public record StructuredPrompt(List<PromptField> fields) {
    public StructuredPrompt {
        Map<PromptPart, String> byPart = new EnumMap<>(PromptPart.class);
        for (PromptField f : fields) {
            PromptPart part = PromptPart.fromName(f.name()).orElseThrow(() -> new IllegalArgumentException(
                    "unknown prompt field \"" + f.name() + "\"; expected one of " + PromptPart.allNames()));
            if (byPart.put(part, f.text()) != null) {
                throw new IllegalArgumentException("prompt field " + part.axisName() + " is given twice");
            }
        }
        List<PromptField> canonical = new ArrayList<>();
        for (PromptPart part : PromptPart.values()) {
            canonical.add(new PromptField(part.name(), byPart.getOrDefault(part, "")));
        }
        fields = List.copyOf(canonical);
    }

    /** A plain-text prompt: everything in the free-text field. */
    public static StructuredPrompt plain(String prompt, String negative) {
        return empty().with(PromptPart.FREE_TEXT, prompt).with(PromptPart.NEGATIVE, negative == null ? "" : negative);
    }

    public static StructuredPrompt empty() {
        return new StructuredPrompt(List.of());
    }

    public String text(PromptPart part) {
        return fields.get(part.ordinal()).text();
    }

    public StructuredPrompt with(PromptPart part, String text) {
        List<PromptField> copy = new ArrayList<>(fields);
        copy.set(part.ordinal(), new PromptField(part.name(), text));
        return new StructuredPrompt(copy);
    }

    /** The positive prompt as the composer assembles it: fields normalised, non-blank ones joined with ", ". */
    public String positive() {
        return PromptAssembly.composed(fields.stream()
                .filter(f -> PromptPart.valueOf(f.name()).positive()).toList()).prompt();
    }

    /** The negative prompt as the composer sends it (normalised). */
    public String negative() {
        return PromptAssembly.normalise(text(PromptPart.NEGATIVE));
    }

    /** Parts whose text is not blank, in part order. */
    public List<PromptPart> nonEmptyParts() {
        return java.util.Arrays.stream(PromptPart.values()).filter(p -> !text(p).isBlank()).toList();
    }
}
