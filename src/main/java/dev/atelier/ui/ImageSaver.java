package dev.atelier.ui;

import dev.atelier.image.PixelImage;

import java.io.IOException;
import java.nio.file.Path;

/** Writes a PNG with its parameters text; the app wires {@code image.PngFiles::write}. */
@FunctionalInterface
public interface ImageSaver {
    void write(PixelImage image, String parameters, Path out) throws IOException;
}
