package dev.atelier.metadata;

import dev.atelier.image.PngContents;
import dev.atelier.preset.PresetPrompt;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The PNG texts of an image Atelier generated: the A1111 {@code parameters} text and, when the
 * prompt was composed from structured fields, Atelier's fields chunk, so that the inspector and
 * {@code generate --from} restore the fields and not only the joined prompt.
 */
public final class GeneratedImageTexts {
    private GeneratedImageTexts() {
    }

    /**
     * @param composerFields the job's fields as the composer stores them (lower-case field names,
     *                       e.g. {@code subject}, {@code free_text}; {@code edited} when the prompt
     *                       was edited as text, which makes the fields stale); may be empty
     */
    public static Map<String, String> of(String parameters, Map<String, String> composerFields) {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(PngContents.PARAMETERS_KEY, parameters);
        if (!composerFields.isEmpty() && !composerFields.containsKey("edited")) {
            PresetPrompt p = new PresetPrompt(field(composerFields, PresetPrompt.SUBJECT),
                    field(composerFields, PresetPrompt.COMPOSITION), field(composerFields, PresetPrompt.STYLE),
                    field(composerFields, PresetPrompt.LIGHTING), field(composerFields, PresetPrompt.FREE_TEXT),
                    field(composerFields, PresetPrompt.NEGATIVE));
            texts.put(ImageMetadata.FIELDS_KEY, ImageMetadata.fieldsJson(p));
        }
        return texts;
    }

    private static String field(Map<String, String> fields, String name) {
        return fields.getOrDefault(name.toLowerCase(Locale.ROOT), "");
    }
}
