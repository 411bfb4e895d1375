package dev.atelier.pipeline;

import dev.atelier.onnx.Component;
import dev.atelier.onnx.Device;
import dev.atelier.onnx.Fixtures;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.scheduler.TorchGenerator;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The tiled decode of the embedded model's VAE against its whole decode. */
class VaeDecoderTest {
    @Test
    void tiledDecodeMatchesTheWholeDecodeAwayFromSeamsAndCloselyEverywhere() {
        ModelFolder folder = ModelFolder.open(Fixtures.embeddedModel("tiny-shapes"));
        try (DiffusionPipeline pipeline = new DiffusionPipeline(folder, Device.CPU)) {
            VaeDecoder decoder = new VaeDecoder(pipeline.sessions().model(Component.VAE_DECODER));
            int h = 40;
            int w = 56;
            float[] z = new TorchGenerator(3).randn(4 * h * w);
            VaeDecoder.Decoded whole = decoder.whole(z, 4, h, w);
            VaeDecoder.Decoded tiled = decoder.tiled(z, 4, h, w, 16);
            assertEquals(whole.height(), tiled.height());
            assertEquals(whole.width(), tiled.width());
            assertEquals(whole.channels(), tiled.channels());
            double sum = 0;
            for (int i = 0; i < whole.chw().length; i++) {
                sum += Math.abs(whole.chw()[i] - tiled.chw()[i]);
            }
            double mean = sum / whole.chw().length;
            // the decoder is convolutional: only pixels near a seam see a different context
            assertTrue(mean < 0.02, "mean difference " + mean);
            assertTrue(mean > 0, "tiles were used, so seams differ slightly");
            assertArrayEquals(whole.chw(), decoder.tiled(z, 4, h, w, 64).chw(), "one tile = the whole decode");
        }
    }

    @Test
    void pipelineDecodesInTilesWhenOnlyTheDecodeExceedsTheBudget() {
        ModelFolder folder = ModelFolder.open(Fixtures.embeddedModel("tiny-shapes"));
        MemoryEstimate e = MemoryEstimate.of(folder, 256, 256, true);
        assertTrue(e.unetPeakBytes() < e.decodePeakBytes(), "at 256 px the estimate's decode outweighs the U-Net");
        long budget = (e.unetPeakBytes() + e.decodePeakBytes()) / 2;
        try (DiffusionPipeline pipeline = new DiffusionPipeline(folder, Device.CPU, budget)) {
            GenerationResult r = pipeline.generate(GenerationRequest.of("a red circle").withSteps(2).withSize(256, 256),
                    null, null);
            assertEquals(256, r.image().width());
            assertTrue(r.warnings().stream().anyMatch(w -> w.startsWith("decoding in tiles of")), r.warnings().toString());
        }
    }

    @Test
    void tileIsChosenOnlyWhenTheWholeDecodeExceedsTheBudget() {
        ModelFolder folder = ModelFolder.open(Fixtures.embeddedModel("tiny-shapes"));
        MemoryEstimate e = MemoryEstimate.of(folder, 1024, 1024, false);
        assertEquals(0, e.decodeTile(folder, 1024, 1024, e.decodePeakBytes()));
        int tile = e.decodeTile(folder, 1024, 1024, e.decodePeakBytes() / 2);
        assertTrue(tile >= VaeDecoder.MIN_TILE && tile < 128, "tile " + tile);
        assertEquals(-1, e.decodeTile(folder, 1024, 1024, e.baseBytes()));
    }
}
