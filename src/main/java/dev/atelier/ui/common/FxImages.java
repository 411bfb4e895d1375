package dev.atelier.ui.common;

import dev.atelier.image.PixelImage;
import javafx.scene.image.Image;
import javafx.scene.image.PixelFormat;
import javafx.scene.image.PixelReader;
import javafx.scene.image.WritableImage;

/** Converts between the core's {@link PixelImage} and JavaFX images (no AWT involved). */
public final class FxImages {
    private FxImages() {
    }

    public static WritableImage toFx(PixelImage image) {
        WritableImage out = new WritableImage(image.width(), image.height());
        out.getPixelWriter().setPixels(0, 0, image.width(), image.height(), PixelFormat.getByteRgbInstance(),
                image.rgb(), 0, image.width() * 3);
        return out;
    }

    /** Drops alpha (snapshots are opaque: the scene has a filled background). */
    public static PixelImage fromFx(Image image) {
        int w = (int) image.getWidth();
        int h = (int) image.getHeight();
        PixelReader reader = image.getPixelReader();
        int[] argb = new int[w * h];
        reader.getPixels(0, 0, w, h, PixelFormat.getIntArgbInstance(), argb, 0, w);
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < argb.length; i++) {
            rgb[i * 3] = (byte) (argb[i] >> 16);
            rgb[i * 3 + 1] = (byte) (argb[i] >> 8);
            rgb[i * 3 + 2] = (byte) argb[i];
        }
        return new PixelImage(w, h, rgb);
    }
}
