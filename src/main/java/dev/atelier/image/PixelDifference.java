package dev.atelier.image;

/**
 * How two images of the same size differ: a heatmap and two numbers.
 *
 * @param heatmap              per-pixel difference, black (equal) through red and yellow to white (255 apart)
 * @param meanAbsoluteDifference mean of |a − b| over every channel of every pixel, 0 .. 255
 * @param changedShare         share of pixels whose largest channel difference exceeds {@code threshold}, 0 .. 1
 * @param threshold            the channel difference (0 .. 254) a pixel must exceed to count as changed
 */
public record PixelDifference(PixelImage heatmap, double meanAbsoluteDifference, double changedShare, int threshold) {
    /** A threshold that ignores small noise from re-encoding but catches visible change. */
    public static final int DEFAULT_THRESHOLD = 16;

    public static PixelDifference of(PixelImage a, PixelImage b, int threshold) {
        if (a.width() != b.width() || a.height() != b.height()) {
            throw new IllegalArgumentException("cannot compare a " + a.width() + "x" + a.height() + " image with a "
                    + b.width() + "x" + b.height() + " one; the difference needs images of the same size");
        }
        if (threshold < 0 || threshold > 254) {
            throw new IllegalArgumentException("the change threshold must be between 0 and 254, got " + threshold);
        }
        byte[] x = a.rgb();
        byte[] y = b.rgb();
        byte[] heat = new byte[x.length];
        long sum = 0;
        long changed = 0;
        for (int i = 0; i < x.length; i += 3) {
            int dr = Math.abs((x[i] & 0xFF) - (y[i] & 0xFF));
            int dg = Math.abs((x[i + 1] & 0xFF) - (y[i + 1] & 0xFF));
            int db = Math.abs((x[i + 2] & 0xFF) - (y[i + 2] & 0xFF));
            sum += dr + dg + db;
            int max = Math.max(dr, Math.max(dg, db));
            if (max > threshold) {
                changed++;
            }
            // a "hot" ramp: the eye reads brightness as amount, and black stays "no change"
            heat[i] = (byte) Math.min(255, 3 * max);
            heat[i + 1] = (byte) Math.max(0, Math.min(255, 3 * max - 255));
            heat[i + 2] = (byte) Math.max(0, Math.min(255, 3 * max - 510));
        }
        int pixels = a.width() * a.height();
        return new PixelDifference(new PixelImage(a.width(), a.height(), heat), (double) sum / x.length,
                (double) changed / pixels, threshold);
    }
}
