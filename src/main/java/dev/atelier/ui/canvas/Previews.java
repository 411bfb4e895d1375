package dev.atelier.ui.canvas;

import dev.atelier.image.PixelImage;

/**
 * Enlarges latent-resolution previews (16² for tiny-shapes, 64² for SD) with bilinear filtering
 * before they reach the canvas. Written by hand because AWT is off-limits in {@code ui} and JavaFX's
 * own smoothing, asked to enlarge 30× in one go, leaves a half-texel band along the top and left
 * edges in the software pipeline; a modest final enlargement by the ImageView looks clean.
 */
final class Previews {
    /** Long side the worker enlarges previews to; bounds the memory kept per step. */
    static final int TARGET = 256;

    private Previews() {
    }

    /** The preview at roughly {@link #TARGET} pixels on its long side (never made smaller). */
    static PixelImage enlarge(PixelImage src) {
        int factor = Math.max(1, TARGET / Math.max(src.width(), src.height()));
        return factor == 1 ? src : bilinear(src, src.width() * factor, src.height() * factor);
    }

    /** Bilinear resampling with pixel centres aligned (edges clamp, no band). */
    static PixelImage bilinear(PixelImage src, int w, int h) {
        byte[] in = src.rgb();
        byte[] out = new byte[w * h * 3];
        double sx = (double) src.width() / w;
        double sy = (double) src.height() / h;
        for (int y = 0; y < h; y++) {
            double fy = Math.max(0, Math.min(src.height() - 1, (y + 0.5) * sy - 0.5));
            int y0 = (int) fy;
            int y1 = Math.min(y0 + 1, src.height() - 1);
            double ty = fy - y0;
            for (int x = 0; x < w; x++) {
                double fx = Math.max(0, Math.min(src.width() - 1, (x + 0.5) * sx - 0.5));
                int x0 = (int) fx;
                int x1 = Math.min(x0 + 1, src.width() - 1);
                double tx = fx - x0;
                int o = (y * w + x) * 3;
                for (int c = 0; c < 3; c++) {
                    double top = lerp(in[(y0 * src.width() + x0) * 3 + c], in[(y0 * src.width() + x1) * 3 + c], tx);
                    double bottom = lerp(in[(y1 * src.width() + x0) * 3 + c], in[(y1 * src.width() + x1) * 3 + c], tx);
                    out[o + c] = (byte) (int) Math.round(top + (bottom - top) * ty);
                }
            }
        }
        return new PixelImage(w, h, out);
    }

    private static double lerp(byte a, byte b, double t) {
        int ia = a & 0xFF;
        int ib = b & 0xFF;
        return ia + (ib - ia) * t;
    }
}
