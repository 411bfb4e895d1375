package dev.atelier.image;

import java.util.Objects;

/**
 * An 8-bit RGB image as plain bytes, the form the core hands out (no AWT, no JavaFX).
 *
 * @param width  pixels per row, at least 1
 * @param height rows, at least 1
 * @param rgb    row-major R,G,B triplets; length {@code width * height * 3}
 */
public record PixelImage(int width, int height, byte[] rgb) {
    public PixelImage {
        Objects.requireNonNull(rgb, "rgb");
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("image size must be positive, got " + width + "x" + height);
        }
        if (rgb.length != width * height * 3) {
            throw new IllegalArgumentException("expected " + (width * height * 3) + " RGB bytes for "
                    + width + "x" + height + ", got " + rgb.length);
        }
    }

    /** Packed 0xRRGGBB of pixel (x, y). */
    public int rgbAt(int x, int y) {
        int i = (y * width + x) * 3;
        return (rgb[i] & 0xFF) << 16 | (rgb[i + 1] & 0xFF) << 8 | (rgb[i + 2] & 0xFF);
    }
}
