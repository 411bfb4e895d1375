package dev.atelier.pipeline;

import dev.atelier.image.PixelImage;

/**
 * VAE output (NCHW float, [-1, 1]) to 8-bit RGB exactly as diffusers: {@code (x/2+0.5).clamp(0,1)},
 * then numpy_to_pil's {@code (images * 255).round().astype("uint8")} (round half to even, float32).
 */
final class ImageConversion {
    private ImageConversion() {
    }

    static PixelImage toPixels(float[] chw, int channels, int height, int width) {
        if (channels < 3) {
            throw new IllegalArgumentException("VAE output has " + channels + " channels; expected 3 (RGB)");
        }
        int plane = height * width;
        byte[] rgb = new byte[plane * 3];
        for (int c = 0; c < 3; c++) {
            int base = c * plane;
            for (int p = 0; p < plane; p++) {
                rgb[p * 3 + c] = (byte) toByte(chw[base + p]);
            }
        }
        return new PixelImage(width, height, rgb);
    }

    static int toByte(float x) {
        float v = x / 2f + 0.5f;
        if (!(v >= 0f)) { // also maps NaN to 0, as torch.clamp + astype would give garbage
            v = 0f;
        } else if (v > 1f) {
            v = 1f;
        }
        float scaled = v * 255f;
        return (int) Math.rint(scaled);
    }
}
