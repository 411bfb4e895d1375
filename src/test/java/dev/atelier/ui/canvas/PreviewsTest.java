package dev.atelier.ui.canvas;

import dev.atelier.image.PixelImage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

class PreviewsTest {

    private static PixelImage twoByOne(int left, int right) {
        return new PixelImage(2, 1, new byte[] {(byte) left, (byte) left, (byte) left, (byte) right, (byte) right, (byte) right});
    }

    @Test
    void enlargesLatentPreviewsToAboutTheTargetSize() {
        PixelImage latent = new PixelImage(16, 16, new byte[16 * 16 * 3]);
        PixelImage big = Previews.enlarge(latent);
        assertEquals(256, big.width());
        assertEquals(256, big.height());
        PixelImage sd = new PixelImage(64, 96, new byte[64 * 96 * 3]);
        assertEquals(128, Previews.enlarge(sd).width(), "factor from the long side: 256/96 → 2");
        PixelImage large = new PixelImage(300, 10, new byte[300 * 10 * 3]);
        assertSame(large, Previews.enlarge(large));
    }

    @Test
    void edgesKeepTheirColourAndTheMiddleBlends() {
        PixelImage out = Previews.bilinear(twoByOne(0, 200), 8, 1);
        assertEquals(0, out.rgbAt(0, 0) & 0xFF, "left edge: no band from clamping");
        assertEquals(200, out.rgbAt(7, 0) & 0xFF, "right edge");
        int mid = out.rgbAt(4, 0) & 0xFF;
        assertEquals(125, mid, "pixel 4 samples at (4.5 · 2/8 − 0.5) = 0.625 between the two");
    }
}
