package dev.atelier.pipeline;

import dev.atelier.image.PixelImage;

import java.util.LinkedHashMap;
import java.util.Map;

/** Colour analysis of a shapes-world image: background colour, object colour, object centroid. */
final class ShapeAnalysis {
    /** The shapes world's palette (tools/shapes.py). */
    static final Map<String, int[]> PALETTE = new LinkedHashMap<>();

    static {
        PALETTE.put("red", new int[] {220, 40, 40});
        PALETTE.put("orange", new int[] {245, 140, 20});
        PALETTE.put("yellow", new int[] {240, 210, 40});
        PALETTE.put("green", new int[] {40, 160, 60});
        PALETTE.put("blue", new int[] {40, 90, 220});
        PALETTE.put("purple", new int[] {140, 60, 200});
        PALETTE.put("white", new int[] {245, 245, 245});
        PALETTE.put("black", new int[] {20, 20, 20});
        PALETTE.put("gray", new int[] {128, 128, 128});
    }

    private ShapeAnalysis() {
    }

    /** What the analysis found; centroid in 0..1 image coordinates. */
    record Result(String background, String object, double cx, double cy) {
    }

    /** Share of pixels, farthest from the background colour, taken as the object. */
    private static final double OBJECT_SHARE = 0.12;

    /**
     * Background = mean colour of a 4-pixel border; object = the 12 % of pixels farthest from it
     * (at least 40 RGB units away). Each mean is named by {@link #name}: robust to the model's noise
     * and to the lighting/style tints of the training images.
     */
    static Result analyse(PixelImage img) {
        int w = img.width();
        int h = img.height();
        double[] bg = new double[3];
        int nb = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                if (x < 4 || y < 4 || x >= w - 4 || y >= h - 4) {
                    add(bg, img.rgbAt(x, y));
                    nb++;
                }
            }
        }
        scale(bg, nb);
        double[] d = new double[w * h];
        for (int i = 0; i < d.length; i++) {
            d[i] = distance(img.rgbAt(i % w, i / w), bg);
        }
        double[] sorted = d.clone();
        java.util.Arrays.sort(sorted);
        double cut = Math.max(40, sorted[(int) (sorted.length * (1 - OBJECT_SHARE))]);
        double[] obj = new double[3];
        double sx = 0;
        double sy = 0;
        int n = 0;
        for (int i = 0; i < d.length; i++) {
            if (d[i] >= cut) {
                add(obj, img.rgbAt(i % w, i / w));
                sx += i % w + 0.5;
                sy += i / w + 0.5;
                n++;
            }
        }
        if (n == 0) {
            return new Result(name(bg), "none", -1, -1);
        }
        scale(obj, n);
        return new Result(name(bg), name(obj), sx / n / w, sy / n / h);
    }

    private static void add(double[] sum, int rgb) {
        sum[0] += rgb >> 16 & 0xFF;
        sum[1] += rgb >> 8 & 0xFF;
        sum[2] += rgb & 0xFF;
    }

    private static void scale(double[] sum, int n) {
        for (int i = 0; i < 3; i++) {
            sum[i] /= n;
        }
    }

    private static double distance(int rgb, double[] c) {
        double dr = (rgb >> 16 & 0xFF) - c[0];
        double dg = (rgb >> 8 & 0xFF) - c[1];
        double db = (rgb & 0xFF) - c[2];
        return Math.sqrt(dr * dr + dg * dg + db * db);
    }

    /**
     * The palette name of a colour: white, gray or black for unsaturated colours (by brightness),
     * else the palette colour of nearest hue — a dimmed yellow stays yellow.
     */
    static String name(double[] c) {
        double max = Math.max(c[0], Math.max(c[1], c[2]));
        double min = Math.min(c[0], Math.min(c[1], c[2]));
        double saturation = max == 0 ? 0 : (max - min) / max;
        if (saturation < 0.3 || max < 50) {
            return max > 190 ? "white" : max < 70 ? "black" : "gray";
        }
        double hue = hue(c);
        String best = null;
        double bestD = Double.MAX_VALUE;
        for (var e : PALETTE.entrySet()) {
            int[] p = e.getValue();
            double[] pc = {p[0], p[1], p[2]};
            double pmax = Math.max(p[0], Math.max(p[1], p[2]));
            double pmin = Math.min(p[0], Math.min(p[1], p[2]));
            if ((pmax - pmin) / pmax < 0.3) {
                continue;
            }
            double dh = Math.abs(hue - hue(pc));
            dh = Math.min(dh, 360 - dh);
            if (dh < bestD) {
                bestD = dh;
                best = e.getKey();
            }
        }
        return best;
    }

    private static double hue(double[] c) {
        double r = c[0];
        double g = c[1];
        double b = c[2];
        double max = Math.max(r, Math.max(g, b));
        double min = Math.min(r, Math.min(g, b));
        if (max == min) {
            return 0;
        }
        double h;
        if (max == r) {
            h = 60 * ((g - b) / (max - min));
        } else if (max == g) {
            h = 60 * ((b - r) / (max - min) + 2);
        } else {
            h = 60 * ((r - g) / (max - min) + 4);
        }
        return h < 0 ? h + 360 : h;
    }
}
