package dev.atelier.pipeline;

import dev.atelier.image.PixelImage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The small pieces of diffusers arithmetic the pipeline reproduces. */
class PipelineMathTest {

    @Test
    void guidanceEmbeddingMatchesDiffusers() {
        // torch: get_guidance_scale_embedding(torch.tensor([7.5 - 1]), 256)[0][[0,1,2,64,127,128,129,200,255]]
        float[] expected = {-0.04478473961353302f, 0.7628610730171204f, -0.8710300326347351f, -0.1460791528224945f,
                0.6051863431930542f, -0.9989966750144958f, 0.6465624570846558f, -0.8609938621520996f, 0.7960838675498962f};
        int[] index = {0, 1, 2, 64, 127, 128, 129, 200, 255};
        float[] e = GuidanceEmbedding.of(6.5f, 256);
        assertEquals(256, e.length);
        for (int i = 0; i < index.length; i++) {
            assertEquals(expected[i], e[index[i]], 2e-5, "element " + index[i]);
        }
    }

    @Test
    void pixelsRoundAsNumpyToPil() {
        // numpy: ((x/2+0.5).clip(0,1)*255).round().astype(uint8)
        float[] x = {-1.0f, -0.5f, 0.0f, 0.00196f, 0.5f, 1.0f, -0.0019607844f, 0.0019607843f, 1.5f};
        int[] expected = {0, 64, 128, 128, 191, 255, 127, 128, 255};
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], ImageConversion.toByte(x[i]), "x = " + x[i]);
        }
        assertEquals(0, ImageConversion.toByte(Float.NaN));
    }

    @Test
    void planarOutputBecomesInterleavedRgb() {
        // 2x1 image: R plane, G plane, B plane
        float[] chw = {1f, -1f, 0f, 1f, -1f, 0f};
        PixelImage img = ImageConversion.toPixels(chw, 3, 1, 2);
        assertArrayEquals(new byte[] {(byte) 255, (byte) 128, 0, 0, (byte) 255, (byte) 128}, img.rgb());
    }

    @Test
    void concatenationOnTheLastAxis() {
        float[] a = {1, 2, 3, 4};      // 2 rows x 2
        float[] b = {5, 6, 7, 8, 9, 10}; // 2 rows x 3
        assertArrayEquals(new float[] {1, 2, 5, 6, 7, 3, 4, 8, 9, 10}, PromptEncoder.concatLastAxis(a, 2, b, 3));
    }
}
