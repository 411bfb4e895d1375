package dev.atelier.onnx;

import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Pinned, reused tensors give exactly what the converting path gives, call after call. */
class PinnedCallTest {
    private static float[] random(int n, long seed) {
        Random r = new Random(seed);
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    @Test
    void pinnedUnetCallsMatchTheConvertingPathAndReuseTheirTensors() {
        ModelFolder folder = ModelFolder.open(Fixtures.fixture(Fixtures.SD15));
        try (ModelSessions sessions = ModelSessions.load(folder, Device.CPU)) {
            OnnxModel unet = sessions.model(Component.UNET);
            String output = unet.outputNames().getFirst();
            long[] sampleShape = {2, 4, 8, 8};
            Tensor hidden = Tensor.of(random(2 * 77 * 32, 1), 2, 77, 32);
            Map<String, long[]> shapes = Map.of("sample", sampleShape, "timestep", new long[] {2});
            assertTrue(PinnedCall.supports(unet, shapes, output, sampleShape));
            // an output declared with another rank cannot be pinned to the sample's shape
            assertFalse(PinnedCall.supports(unet, shapes, output, new long[] {2, 4, 64}));
            try (OnnxModel.Prepared text = unet.prepare(Map.of("encoder_hidden_states", hidden));
                 PinnedCall call = PinnedCall.create(unet, text, shapes, output, sampleShape)) {
                float[] previous = null;
                for (int step = 0; step < 3; step++) {
                    float[] sample = random(2 * 4 * 8 * 8, 10 + step);
                    float t = 900 - 300 * step;
                    float[] expected = unet.run(Map.of("sample", Tensor.of(sample, sampleShape),
                            "timestep", Tensor.of(new float[] {t, t}, 2), "encoder_hidden_states", hidden))
                            .get(output).floats();
                    call.write("sample", sample, 0);
                    call.fill("timestep", t);
                    call.run();
                    FloatBuffer out = call.output();
                    float[] got = new float[out.capacity()];
                    out.get(0, got);
                    assertArrayEquals(expected, got, "step " + step);
                    if (previous != null) {
                        assertFalse(java.util.Arrays.equals(previous, got), "the pinned output is rewritten each run");
                    }
                    previous = got;
                }
                assertThrows(IllegalArgumentException.class, () -> call.write("timestep2", new float[1], 0));
            }
        }
    }

    @Test
    void float16GraphsAreLeftToTheConvertingPath() {
        ModelFolder folder = ModelFolder.open(Fixtures.fixture(Fixtures.SD15_FP16));
        try (ModelSessions sessions = ModelSessions.load(folder, Device.CPU)) {
            OnnxModel unet = sessions.model(Component.UNET);
            assertFalse(PinnedCall.supports(unet, Map.of("sample", new long[] {2, 4, 8, 8}), unet.outputNames().getFirst(),
                    new long[] {2, 4, 8, 8}));
        }
    }
}
