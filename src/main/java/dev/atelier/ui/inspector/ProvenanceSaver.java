package dev.atelier.ui.inspector;

import dev.atelier.image.GenerationParameters;
import dev.atelier.image.PixelImage;
import dev.atelier.image.PngContents;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenanceLabel;
import dev.atelier.metadata.ImageMetadata;
import dev.atelier.preset.PresetPrompt;
import dev.atelier.ui.composer.PromptFields;
import dev.atelier.ui.history.HistoryEntry;
import dev.atelier.ui.history.ImageSaver;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How the window writes PNGs: A1111 {@code parameters}, the composer's structured fields
 * ({@value ImageMetadata#FIELDS_KEY}) and the AI provenance label, always. {@link #share} writes
 * the same image without prompt, parameters or fields, keeping only the label.
 */
public final class ProvenanceSaver implements ImageSaver {
    /** The version written into the label; the same as the CLI's ({@code cli.GenerateSources.VERSION}). */
    public static final String VERSION = ProvenanceLabel.ATELIER_VERSION;
    private final Clock clock;

    public ProvenanceSaver(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void write(PixelImage image, String parameters, Path out) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(PngContents.PARAMETERS_KEY, parameters);
        PngFiles.write(image, texts, label(parameters), out);
    }

    @Override
    public void write(HistoryEntry entry, Path out) throws IOException {
        Map<String, String> texts = new LinkedHashMap<>();
        texts.put(PngContents.PARAMETERS_KEY, entry.parameters());
        PromptFields f = entry.prompt();
        if (!f.edited()) {
            texts.put(ImageMetadata.FIELDS_KEY, ImageMetadata.fieldsJson(new PresetPrompt(f.subject(), f.composition(),
                    f.style(), f.lighting(), f.freeText(), f.negative())));
        }
        PngFiles.write(entry.image(), texts, label(entry.parameters()), out);
    }

    /** The image with its provenance label only: no prompt, no parameters, no fields. */
    public void share(HistoryEntry entry, Path out) throws IOException {
        PngFiles.write(entry.image(), Map.of(), label(entry.parameters()), out);
    }

    private ProvenanceLabel label(String parameters) {
        String modelName = "unknown model";
        try {
            String named = GenerationParameters.parse(parameters).modelName();
            modelName = named == null ? modelName : named;
        } catch (IllegalArgumentException e) {
            // the label does not depend on the parameters being well-formed
        }
        return ProvenanceLabel.atelier(VERSION, modelName, clock.instant());
    }
}
