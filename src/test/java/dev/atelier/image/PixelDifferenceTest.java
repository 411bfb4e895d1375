package dev.atelier.image;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class PixelDifferenceTest {
    private static PixelImage filled(int w, int h, int r, int g, int b) {
        byte[] rgb = new byte[w * h * 3];
        for (int i = 0; i < rgb.length; i += 3) {
            rgb[i] = (byte) r;
            rgb[i + 1] = (byte) g;
            rgb[i + 2] = (byte) b;
        }
        return new PixelImage(w, h, rgb);
    }

    @Test
    void equalImagesDoNotDiffer() {
        PixelImage a = filled(4, 4, 10, 200, 30);
        PixelDifference d = PixelDifference.of(a, a, PixelDifference.DEFAULT_THRESHOLD);
        assertEquals(0.0, d.meanAbsoluteDifference());
        assertEquals(0.0, d.changedShare());
        assertEquals(0, d.heatmap().rgbAt(2, 2));
    }

    @Test
    void numbersOnKnownImages() {
        // 2x2: one pixel changed by (60, 0, 30), one by (10, 10, 10), two equal
        PixelImage a = filled(2, 2, 100, 100, 100);
        byte[] rgb = a.rgb().clone();
        rgb[0] = (byte) 160;
        rgb[2] = (byte) 130;
        rgb[3] = (byte) 110;
        rgb[4] = (byte) 110;
        rgb[5] = (byte) 110;
        PixelImage b = new PixelImage(2, 2, rgb);
        PixelDifference d = PixelDifference.of(a, b, 16);
        // (60 + 0 + 30 + 10 + 10 + 10) / 12 channels
        assertEquals(120.0 / 12, d.meanAbsoluteDifference(), 1e-12);
        // only the first pixel's largest channel difference (60) exceeds 16
        assertEquals(0.25, d.changedShare());
        assertEquals(0.5, PixelDifference.of(a, b, 5).changedShare());
        // hot ramp: 60 → red 180; 10 → red 30; equal → black
        assertEquals(0xB40000, d.heatmap().rgbAt(0, 0));
        assertEquals(0x1E0000, d.heatmap().rgbAt(1, 0));
        assertEquals(0, d.heatmap().rgbAt(1, 1));
    }

    @Test
    void theLargestDifferenceIsWhite() {
        PixelDifference d = PixelDifference.of(filled(1, 1, 0, 0, 0), filled(1, 1, 255, 255, 255), 0);
        assertEquals(255.0, d.meanAbsoluteDifference());
        assertEquals(1.0, d.changedShare());
        assertEquals(0xFFFFFF, d.heatmap().rgbAt(0, 0));
    }

    @Test
    void differentSizesAreRefused() {
        assertEquals("cannot compare a 2x2 image with a 2x3 one; the difference needs images of the same size",
                assertThrows(IllegalArgumentException.class,
                        () -> PixelDifference.of(filled(2, 2, 0, 0, 0), filled(2, 3, 0, 0, 0), 16)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> PixelDifference.of(filled(1, 1, 0, 0, 0), filled(1, 1, 0, 0, 0), 255));
    }
}
