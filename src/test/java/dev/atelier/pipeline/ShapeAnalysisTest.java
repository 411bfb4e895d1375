package dev.atelier.pipeline;

import dev.atelier.image.PixelImage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pixel analysis used by {@link TinyShapesModelTest}, on a drawn image. */
class ShapeAnalysisTest {
    @Test
    void findsBackgroundObjectAndCentroid() {
        int w = 64;
        byte[] rgb = new byte[w * w * 3];
        for (int y = 0; y < w; y++) {
            for (int x = 0; x < w; x++) {
                boolean disc = (x - 16) * (x - 16) + (y - 20) * (y - 20) < 64;
                int[] c = disc ? new int[] {210, 50, 45} : new int[] {45, 95, 210};
                int i = (y * w + x) * 3;
                rgb[i] = (byte) c[0];
                rgb[i + 1] = (byte) c[1];
                rgb[i + 2] = (byte) c[2];
            }
        }
        ShapeAnalysis.Result r = ShapeAnalysis.analyse(new PixelImage(w, w, rgb));
        assertEquals("blue", r.background());
        assertEquals("red", r.object());
        assertEquals(16.0 / 64, r.cx(), 0.01);
        assertEquals(20.0 / 64, r.cy(), 0.01);
    }
}
