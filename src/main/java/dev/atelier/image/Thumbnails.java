package dev.atelier.image;

import javax.imageio.ImageIO;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;

/** Small PNG thumbnails for the history: box-filtered down to fit a square, encoded in memory. */
public final class Thumbnails {
    private Thumbnails() {
    }

    /** {@code image} scaled (never up) to fit {@code maxSide}×{@code maxSide}, averaging whole source pixels. */
    public static PixelImage fit(PixelImage image, int maxSide) {
        Objects.requireNonNull(image, "image");
        if (maxSide < 1) {
            throw new IllegalArgumentException("thumbnail side must be positive, got " + maxSide);
        }
        int w = image.width();
        int h = image.height();
        if (w <= maxSide && h <= maxSide) {
            return image;
        }
        double scale = Math.min(maxSide / (double) w, maxSide / (double) h);
        int tw = Math.max(1, (int) Math.round(w * scale));
        int th = Math.max(1, (int) Math.round(h * scale));
        byte[] src = image.rgb();
        byte[] out = new byte[tw * th * 3];
        for (int y = 0; y < th; y++) {
            int y0 = y * h / th;
            int y1 = Math.max(y0 + 1, (y + 1) * h / th);
            for (int x = 0; x < tw; x++) {
                int x0 = x * w / tw;
                int x1 = Math.max(x0 + 1, (x + 1) * w / tw);
                long r = 0;
                long g = 0;
                long b = 0;
                for (int yy = y0; yy < y1; yy++) {
                    for (int xx = x0; xx < x1; xx++) {
                        int i = (yy * w + xx) * 3;
                        r += src[i] & 0xFF;
                        g += src[i + 1] & 0xFF;
                        b += src[i + 2] & 0xFF;
                    }
                }
                long n = (long) (y1 - y0) * (x1 - x0);
                int o = (y * tw + x) * 3;
                out[o] = (byte) ((r + n / 2) / n);
                out[o + 1] = (byte) ((g + n / 2) / n);
                out[o + 2] = (byte) ((b + n / 2) / n);
            }
        }
        return new PixelImage(tw, th, out);
    }

    /** The thumbnail of {@code image} as PNG bytes. */
    public static byte[] png(PixelImage image, int maxSide) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(AwtImages.toBufferedImage(fit(image, maxSide)), "png", bytes)) {
                throw new IllegalStateException("no PNG writer available");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("encoding a thumbnail failed: " + e.getMessage(), e);
        }
        return bytes.toByteArray();
    }
}
