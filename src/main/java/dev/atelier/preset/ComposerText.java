package dev.atelier.preset;

import dev.atelier.prompt.PromptAssembly;
import dev.atelier.prompt.PromptField;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The composer's texts a preset is applied to: positive fields in join order (names as in
 * {@link PresetPrompt#POSITIVE_FIELDS}) and the negative prompt.
 */
public record ComposerText(List<PromptField> positive, String negative) {
    public ComposerText {
        positive = List.copyOf(Objects.requireNonNull(positive, "positive"));
        negative = Objects.requireNonNullElse(negative, "");
    }

    /** The composer holding {@code prompt}'s fields as they are. */
    public static ComposerText of(PresetPrompt prompt) {
        return new ComposerText(prompt.positiveFields(), prompt.negative());
    }

    public PromptAssembly assembly() {
        return PromptAssembly.join(positive);
    }

    /** Text of the positive field {@code name}, "" when there is none. */
    public String field(String name) {
        return positive.stream().filter(f -> f.name().equals(name)).map(PromptField::text).findFirst().orElse("");
    }

    /**
     * Applies {@code preset}. A structured preset (any of subject, composition, style, lighting set)
     * works field by field: a field with {@code {prompt}} wraps that field's text, a field without
     * replaces it, an empty field leaves it. A style wraps the whole positive prompt by its tool's
     * {@link JoinRule}, keeping the fields: the text before {@code {prompt}} goes in front of the first
     * non-empty field, the text after it behind the last one, so the assembled prompt equals the
     * tool's result on the assembled prompt.
     */
    public ComposerText apply(Preset preset) {
        PresetPrompt p = preset.prompt();
        String negativeOut = p.negative().isEmpty() ? negative : preset.joinRule().join(p.negative(), negative);
        if (!p.isStyle()) {
            List<PromptField> out = new ArrayList<>();
            for (PromptField f : positive) {
                String text = PresetPrompt.POSITIVE_FIELDS.contains(f.name()) ? p.get(f.name()) : "";
                out.add(text.isEmpty() ? f : new PromptField(f.name(), text.contains(PromptPreset.PLACEHOLDER)
                        ? text.replace(PromptPreset.PLACEHOLDER, f.text()) : text));
            }
            return new ComposerText(out, negativeOut);
        }
        return new ComposerText(wrap(p.freeText(), preset.joinRule()), negativeOut);
    }

    /** Applies {@code presets} in order, as A1111 does for several selected styles. */
    public ComposerText applyAll(List<Preset> presets) {
        ComposerText result = this;
        for (Preset preset : presets) {
            result = result.apply(preset);
        }
        return result;
    }

    private List<PromptField> wrap(String styleText, JoinRule rule) {
        if (styleText.isEmpty()) {
            return positive;
        }
        String assembled = assembly().prompt();
        String joined = rule.join(styleText, assembled);
        int first = -1;
        int last = -1;
        for (int i = 0; i < positive.size(); i++) {
            if (!positive.get(i).text().isBlank()) {
                first = first < 0 ? i : first;
                last = i;
            }
        }
        int at = styleText.indexOf(PromptPreset.PLACEHOLDER);
        boolean onePlaceholder = at >= 0 && at == styleText.lastIndexOf(PromptPreset.PLACEHOLDER);
        List<PromptField> out = new ArrayList<>(positive);
        if (first >= 0 && onePlaceholder) {
            String before = styleText.substring(0, at);
            String after = styleText.substring(at + PromptPreset.PLACEHOLDER.length());
            out.set(first, new PromptField(out.get(first).name(), before + out.get(first).text()));
            out.set(last, new PromptField(out.get(last).name(), out.get(last).text() + after));
        } else if (first >= 0 && at < 0 && joined.startsWith(assembled)) {
            // appended (A1111, InvokeAI): what was added goes behind the last field
            String added = joined.substring(assembled.length());
            out.set(last, new PromptField(out.get(last).name(), out.get(last).text() + added));
        } else {
            // replaced (Fooocus, SwarmUI, several placeholders, nothing typed): the result in the last field
            for (int i = 0; i < out.size(); i++) {
                out.set(i, new PromptField(out.get(i).name(), i == out.size() - 1 ? joined : ""));
            }
        }
        if (!out.isEmpty() && !PromptAssembly.join(out).prompt().equals(joined)) {
            // blanks or stripped texts make the field-wise placement differ: keep the exact text
            for (int i = 0; i < out.size(); i++) {
                out.set(i, new PromptField(out.get(i).name(), i == out.size() - 1 ? joined : ""));
            }
        }
        return out;
    }
}
