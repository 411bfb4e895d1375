package dev.atelier.ui.composer;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The prompt a fresh install opens with, so the first Generate shows something meaningful. */
public final class StarterPrompt {
    private static final Map<String, String> PREFERRED = Map.of(
            "size", "large", "color", "red", "shape", "star", "background", "blue");

    private StarterPrompt() {
    }

    public static PromptFields of(Vocabulary v) {
        if (v == null || !v.fromModel() || v.template().isEmpty()) {
            return new PromptFields("a lighthouse on a rocky coast", "wide shot", "watercolor", "golden hour", "",
                    "blurry, lowres", null);
        }
        Map<String, String> picks = new LinkedHashMap<>();
        v.subjectParts().forEach((part, words) -> picks.put(part, prefer(words, PREFERRED.get(part))));
        return new PromptFields(v.fillTemplate(picks),
                prefer(v.wordsOf(ComposerField.COMPOSITION), "centered"),
                prefer(v.wordsOf(ComposerField.STYLE), "flat"),
                prefer(v.wordsOf(ComposerField.LIGHTING), "soft light"), "", "", null);
    }

    private static String prefer(List<String> words, String wanted) {
        if (words.isEmpty()) {
            return "";
        }
        return wanted != null && words.contains(wanted) ? wanted : words.getFirst();
    }
}
