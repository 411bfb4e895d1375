package dev.atelier.pipeline;

import dev.atelier.onnx.Component;
import dev.atelier.onnx.Device;
import dev.atelier.onnx.Fixtures;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.onnx.ModelSessions;
import dev.atelier.image.PixelImage;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The memory lever "CFG halves as two batch-1 U-Net calls" (chosen by {@link MemoryPlan} when the
 * budget needs it, forced by {@code -Datelier.unet.splitCfg=true}) takes effect and changes only float rounding: the guided output matches the batch-2 one to 1e-4
 * and the pixels stay within one 8-bit level.
 */
class SplitCfgTest {
    private static final GenerationRequest REQUEST = GenerationRequest.of("a large red star on a blue background")
            .withNegativePrompt("green").withSteps(4).withGuidance(5).withSize(64, 64).withSeed(7);

    private record Run(PixelImage image, long steps) {
    }

    private static <T> T withSplit(boolean split, java.util.function.Supplier<T> work) {
        String before = System.getProperty(UnetRunner.SPLIT_CFG_PROPERTY);
        System.setProperty(UnetRunner.SPLIT_CFG_PROPERTY, Boolean.toString(split));
        try {
            return work.get();
        } finally {
            if (before == null) {
                System.clearProperty(UnetRunner.SPLIT_CFG_PROPERTY);
            } else {
                System.setProperty(UnetRunner.SPLIT_CFG_PROPERTY, before);
            }
        }
    }

    private static Run generate(boolean split) {
        return withSplit(split, () -> {
            try (DiffusionPipeline p = new DiffusionPipeline(ModelFolder.open(Fixtures.fixture(Fixtures.SD15)), Device.CPU)) {
                CountingListener calls = new CountingListener();
                PixelImage image = p.generate(REQUEST, calls, new CancelFlag()).image();
                return new Run(image, calls.steps);
            }
        });
    }

    @Test
    void theRunnerSplitsOnRequestAndGivesTheSameGuidedOutput() {
        try (ModelSessions sessions = ModelSessions.load(ModelFolder.open(Fixtures.fixture(Fixtures.SD15)), Device.CPU)) {
            java.util.Random r = new java.util.Random(3);
            float[] cond = new float[77 * 32];
            float[] uncond = new float[77 * 32];
            float[] latents = new float[4 * 8 * 8];
            for (float[] a : new float[][] {cond, uncond, latents}) {
                for (int i = 0; i < a.length; i++) {
                    a[i] = (float) r.nextGaussian();
                }
            }
            Conditioning text = new Conditioning(cond, uncond, 77, 32, null, null);
            float[][] out = new float[2][];
            for (int k = 0; k < 2; k++) {
                boolean split = k == 1;
                out[k] = withSplit(split, () -> {
                    try (UnetRunner u = new UnetRunner(sessions.model(Component.UNET), text, 5f, false, 4, 8, 8, null, null)) {
                        assertEquals(!split, u.batched());
                        return u.predict(latents, 500);
                    }
                });
            }
            assertArrayEquals(out[0], out[1], 1e-4f);
        }
    }

    /** Counts steps on the generating thread (the listener runs there; nothing to join). */
    private static final class CountingListener implements StepListener {
        long steps;

        @Override
        public void onStep(StepState state) {
            steps++;
        }
    }

    /**
     * A budget that holds the batch-1 U-Net but not the batch-2 one: the plan splits CFG (and says so)
     * instead of refusing, and a generous budget keeps the single batch-2 call.
     */
    @Test
    void theMemoryBudgetChoosesTheSplitOnlyWhenBatchTwoDoesNotFit() {
        ModelFolder folder = ModelFolder.open(Fixtures.fixture(Fixtures.SD15));
        // attention grows with side⁴, the decode with side²: the smallest side where batch 2 alone is over
        int side = 64;
        long tight = 0;
        MemoryEstimate two = null;
        for (; side <= 1024; side += 64) {
            MemoryEstimate one = MemoryEstimate.of(folder, side, side, false);
            two = MemoryEstimate.of(folder, side, side, true);
            tight = Math.max(one.unetPeakBytes(), one.decodePeakBytes());
            if (two.unetPeakBytes() > tight) {
                break;
            }
        }
        assertTrue(side <= 1024, "no size where the fixture's batch-2 U-Net estimate exceeds batch 1 and the decode");
        MemoryPlan generous = MemoryPlan.choose(folder, side, side, true, two.peakBytes());
        MemoryPlan split = MemoryPlan.choose(folder, side, side, true, tight);
        assertEquals(false, generous.splitCfg());
        assertTrue(split.splitCfg());
        assertTrue(split.fits(tight));
        assertEquals(false, MemoryPlan.choose(folder, side, side, false, tight).splitCfg()); // no CFG: nothing to split
        GenerationRequest request = REQUEST.withSize(side, side).withSteps(2);
        try (DiffusionPipeline p = new DiffusionPipeline(folder, Device.CPU, tight);
             DiffusionPipeline q = new DiffusionPipeline(folder, Device.CPU, two.peakBytes())) {
            GenerationResult r = p.generate(request, StepListener.NONE, new CancelFlag());
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("separate U-Net calls")), r.warnings().toString());
            GenerationResult batched = q.generate(request, StepListener.NONE, new CancelFlag());
            assertTrue(batched.warnings().stream().noneMatch(w -> w.contains("separate U-Net calls")));
            assertTrue(maxDifference(batched.image(), r.image()) <= 1);
        }
    }

    private static int maxDifference(PixelImage x, PixelImage y) {
        byte[] a = x.rgb();
        byte[] b = y.rgb();
        assertEquals(a.length, b.length);
        int maxDiff = 0;
        for (int i = 0; i < a.length; i++) {
            maxDiff = Math.max(maxDiff, Math.abs((a[i] & 0xFF) - (b[i] & 0xFF)));
        }
        return maxDiff;
    }

    @Test
    void twoBatchOneCallsGiveTheBatchTwoPixels() {
        Run batched = generate(false);
        Run split = generate(true);
        assertTrue(batched.steps() >= 4);  // PNDM lists one more timestep than steps
        assertEquals(batched.steps(), split.steps());
        int maxDiff = maxDifference(batched.image(), split.image());
        assertTrue(maxDiff <= 1, "max pixel difference " + maxDiff + " levels; expected at most 1");
    }
}
