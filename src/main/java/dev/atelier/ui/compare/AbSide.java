package dev.atelier.ui.compare;

import dev.atelier.compare.CellSettings;
import dev.atelier.image.PixelImage;

import java.util.Objects;

/**
 * One side of an A/B comparison: a grid cell or history item.
 *
 * @param label    what the user calls it (its axis values, or its history title)
 * @param settings what it was generated from
 * @param image    its picture
 */
public record AbSide(String label, CellSettings settings, PixelImage image) {
    public AbSide {
        Objects.requireNonNull(label, "label");
        Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(image, "image");
    }
}
