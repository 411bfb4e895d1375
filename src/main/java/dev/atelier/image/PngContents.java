package dev.atelier.image;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A decoded PNG: its pixels and its text chunks ({@code tEXt}, {@code zTXt}, {@code iTXt}) in file
 * order, keyed by keyword (a later chunk with the same keyword wins).
 *
 * @param image   the pixels as RGB (alpha dropped)
 * @param texts   keyword → text; unmodifiable
 * @param skipped one line per text chunk that was not read (not valid UTF-8, too large, damaged), so a
 *                reader can say why metadata it expected is absent
 */
public record PngContents(PixelImage image, Map<String, String> texts, List<String> skipped) {
    /** The text chunk keyword A1111, Forge and Fooocus use for the generation parameters. */
    public static final String PARAMETERS_KEY = "parameters";
    /** The text chunk keyword InvokeAI uses for its JSON metadata. */
    public static final String INVOKEAI_KEY = "invokeai_metadata";

    public PngContents {
        Objects.requireNonNull(image, "image");
        texts = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(texts, "texts")));
        skipped = List.copyOf(skipped);
    }

    public PngContents(PixelImage image, Map<String, String> texts) {
        this(image, texts, List.of());
    }

    /** The A1111 {@code parameters} text, if the PNG has one. */
    public Optional<String> parameters() {
        return Optional.ofNullable(texts.get(PARAMETERS_KEY));
    }

    /**
     * The generation settings stored in the PNG: A1111-style {@code parameters} text first, else
     * InvokeAI's {@code invokeai_metadata} JSON; empty when there is neither.
     *
     * @throws IllegalArgumentException when the stored text is present but malformed
     */
    public Optional<GenerationParameters> generationParameters() {
        String a1111 = texts.get(PARAMETERS_KEY);
        if (a1111 != null) {
            return Optional.of(GenerationParameters.parse(a1111));
        }
        String invoke = texts.get(INVOKEAI_KEY);
        if (invoke != null) {
            return Optional.of(InvokeAiMetadata.parse(invoke));
        }
        return Optional.empty();
    }
}
