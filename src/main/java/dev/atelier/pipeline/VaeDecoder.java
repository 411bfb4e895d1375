package dev.atelier.pipeline;

import dev.atelier.onnx.ModelFolderException;
import dev.atelier.onnx.OnnxModel;
import dev.atelier.onnx.Tensor;

import java.util.Map;
import java.util.Set;

/**
 * Latents → image through the VAE decoder, whole or in overlapping tiles. Tiles bound the decode's
 * memory (full-resolution feature maps, mid-block attention) when the whole image would not fit;
 * they need a decoder graph with dynamic height and width. Overlaps are blended with weights that
 * ramp linearly from a tile's inner edges, as diffusers' {@code tiled_decode} blends its seams.
 */
final class VaeDecoder {
    /** Smallest latent tile side worth decoding: below this the seams dominate. */
    static final int MIN_TILE = 16;

    private final OnnxModel vae;
    private final String output;

    VaeDecoder(OnnxModel vae) {
        this.vae = vae;
        this.output = vae.outputNames().get(0);
    }

    /** The decoded image as {@code [channels, height·f, width·f]} floats, with {@code channels()} and sizes. */
    record Decoded(float[] chw, int channels, int height, int width) {
    }

    /** Decodes the whole latent in one run. */
    Decoded whole(float[] z, int channels, int height, int width) {
        return run(z, channels, height, width);
    }

    /**
     * Decodes in tiles of at most {@code tile} latent cells a side, overlapping by a quarter tile.
     * Gives the whole decode when one tile covers the latent.
     */
    Decoded tiled(float[] z, int channels, int height, int width, int tile) {
        if (tile >= height && tile >= width) {
            return whole(z, channels, height, width);
        }
        int overlap = Math.max(1, tile / 4);
        int stride = tile - overlap;
        float[] sum = null;
        float[] weights = null;
        int outChannels = 0;
        int scale = 0;
        for (int y0 = 0; y0 < height; y0 += stride) {
            int th = Math.min(tile, height - y0);
            for (int x0 = 0; x0 < width; x0 += stride) {
                int tw = Math.min(tile, width - x0);
                Decoded d = run(crop(z, channels, height, width, y0, x0, th, tw), channels, th, tw);
                if (sum == null) {
                    scale = d.height() / th;
                    outChannels = d.channels();
                    sum = new float[outChannels * height * scale * width * scale];
                    weights = new float[height * scale * width * scale];
                }
                blend(d, sum, weights, height * scale, width * scale, y0 * scale, x0 * scale, overlap * scale,
                        y0 > 0, x0 > 0, y0 + th < height, x0 + tw < width);
                if (x0 + tw >= width) {
                    break;
                }
            }
            if (y0 + th >= height) {
                break;
            }
        }
        int plane = weights.length;
        for (int c = 0; c < outChannels; c++) {
            for (int p = 0; p < plane; p++) {
                sum[c * plane + p] /= weights[p];
            }
        }
        return new Decoded(sum, outChannels, height * scale, width * scale);
    }

    private Decoded run(float[] z, int channels, int height, int width) {
        Tensor img;
        try (OnnxModel.Prepared none = vae.prepare(Map.of())) {
            // the decoder's arena hands its memory back after each run: it is idle until the next image
            img = vae.run(none, Map.of("latent_sample", Tensor.of(z, 1, channels, height, width)), Set.of(output),
                    true).get(output);
        }
        if (img.rank() != 4 || img.dim(2) % height != 0 || img.dim(2) / height != img.dim(3) / width
                || img.dim(2) / height < 1) {
            throw new ModelFolderException(vae.file(), "decoder output has shape " + java.util.Arrays.toString(
                    img.shape()) + " for a latent of " + height + "x" + width + "; expected [1, 3, H, W] with H and W"
                    + " a whole multiple of the latent's");
        }
        return new Decoded(img.floats(), (int) img.dim(1), (int) img.dim(2), (int) img.dim(3));
    }

    private static float[] crop(float[] z, int channels, int height, int width, int y0, int x0, int th, int tw) {
        float[] out = new float[channels * th * tw];
        for (int c = 0; c < channels; c++) {
            for (int y = 0; y < th; y++) {
                System.arraycopy(z, (c * height + y0 + y) * width + x0, out, (c * th + y) * tw, tw);
            }
        }
        return out;
    }

    /** Adds the tile with weights ramping up from each inner edge (top, left, bottom, right) over {@code ramp} pixels. */
    private static void blend(Decoded d, float[] sum, float[] weights, int height, int width, int y0, int x0,
                              int ramp, boolean top, boolean left, boolean bottom, boolean right) {
        int th = d.height();
        int tw = d.width();
        int plane = height * width;
        int tilePlane = th * tw;
        for (int y = 0; y < th; y++) {
            float wy = Math.min(top ? ramped(y, ramp) : 1f, bottom ? ramped(th - 1 - y, ramp) : 1f);
            for (int x = 0; x < tw; x++) {
                float w = Math.min(wy, Math.min(left ? ramped(x, ramp) : 1f, right ? ramped(tw - 1 - x, ramp) : 1f));
                int p = (y0 + y) * width + x0 + x;
                weights[p] += w;
                for (int c = 0; c < d.channels(); c++) {
                    sum[c * plane + p] += w * d.chw()[c * tilePlane + y * tw + x];
                }
            }
        }
    }

    /** (i + 1) / (ramp + 1): never zero, so every pixel has weight. */
    private static float ramped(int i, int ramp) {
        return Math.min(1f, (i + 1f) / (ramp + 1f));
    }
}
