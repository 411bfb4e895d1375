package dev.atelier.ui.history;

import dev.atelier.image.PixelImage;

import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes a PNG with its parameters text; the app wires {@code inspector.ProvenanceSaver} (parameters,
 * structured fields and the provenance label), tests may wire {@code image.PngFiles::write}.
 */
@FunctionalInterface
public interface ImageSaver {
    void write(PixelImage image, String parameters, Path out) throws IOException;

    /** Writes a finished image; a saver that also stores the composer's fields overrides this. */
    default void write(HistoryEntry entry, Path out) throws IOException {
        write(entry.image(), entry.parameters(), out);
    }
}
