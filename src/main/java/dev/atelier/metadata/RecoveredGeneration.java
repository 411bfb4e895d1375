package dev.atelier.metadata;

import dev.atelier.image.GenerationParameters;
import dev.atelier.preset.PresetPrompt;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What an image says about how it was made, ready to restore into the composer.
 *
 * @param tool        who wrote it
 * @param parameters  prompt, negative and settings in A1111 terms; null when the image has none
 * @param fields      Atelier's structured fields, when Atelier wrote them; else null
 * @param unsupported settings Atelier does not have, by name (a LoRA, a sampler), never dropped
 * @param scheduler   the closest Atelier scheduler CLI name for the image's sampler, if any
 * @param labelled    whether the image carries an AI provenance label (XMP DigitalSourceType)
 * @param texts       every text chunk / EXIF text the image carries, for an inspector to show
 */
public record RecoveredGeneration(SourceTool tool, GenerationParameters parameters, PresetPrompt fields,
                                  Map<String, String> unsupported, Optional<String> scheduler, boolean labelled,
                                  Map<String, String> texts) {
    public RecoveredGeneration {
        Objects.requireNonNull(tool, "tool");
        unsupported = Collections.unmodifiableMap(new LinkedHashMap<>(unsupported));
        Objects.requireNonNull(scheduler, "scheduler");
        texts = Collections.unmodifiableMap(new LinkedHashMap<>(texts));
    }

    public Optional<GenerationParameters> generation() {
        return Optional.ofNullable(parameters);
    }
}
