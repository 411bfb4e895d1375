package dev.atelier.pipeline;

import dev.atelier.onnx.Device;
import dev.atelier.onnx.Fixtures;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.onnx.ModelFolderException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Requests that cannot fit are refused before running; non-finite numbers fail naming the stage. */
class GenerationSafetyTest {
    @TempDir
    Path temp;

    private static ModelFolder tiny() {
        return ModelFolder.open(Fixtures.embeddedModel("tiny-shapes"));
    }

    @Test
    void estimateIsCalibratedAgainstMeasuredPeaks() {
        ModelFolder folder = tiny();
        // max RSS of `generate` on tiny-shapes (CFG on) with ORT's memory pattern on, its old default:
        // 512² and 640² measured with /usr/bin/time -v, 1024² from issue 15; the estimate stays above
        // each and within 30 % of it
        long[][] measured = {{512, 1374L << 20}, {640, 2987L << 20}, {1024, (long) (17.7 * (1L << 30))}};
        for (long[] m : measured) {
            long estimate = MemoryEstimate.of(folder, (int) m[0], (int) m[0], true).peakBytes();
            assertTrue(estimate >= m[1] && estimate <= m[1] * 1.3, m[0] + ": estimate " + estimate + " vs " + m[1]);
        }
        // with the memory pattern off (the default now), 2 steps, 2026-12-05: lower, so the estimate
        // errs high there (its factor covers the SD 1.5-shaped model's worst size, ENGINE.md)
        long[][] patternOff = {{384, 367L << 20, 270L << 20}, {512, 762L << 20, 462L << 20}, {640, 1595L << 20, 887L << 20}};
        for (long[] m : patternOff) {
            assertTrue(MemoryEstimate.of(folder, (int) m[0], (int) m[0], true).peakBytes() >= m[1], m[0] + " batch 2");
            assertTrue(MemoryEstimate.of(folder, (int) m[0], (int) m[0], false).peakBytes() >= m[2], m[0] + " batch 1");
        }
        assertTrue(MemoryEstimate.of(folder, 512, 512, false).peakBytes()
                < MemoryEstimate.of(folder, 512, 512, true).peakBytes(), "no CFG: batch of one");
    }

    @Test
    void memoryProblemNamesTheLargestSizeThatFits() {
        ModelFolder folder = tiny();
        GenerationLimits limits = GenerationLimits.of(folder);
        long budget = 2L << 30;
        String problem = limits.memoryProblem(folder, 1024, 1024, true, budget).orElseThrow();
        // 544² with CFG as one batch-2 call; the memory plan splits CFG into two batch-1 calls when
        // only that fits, so sizes up to 640² are accepted (MemoryPlan)
        assertTrue(problem.contains("largest square size that fits is 640x640"), problem);
        assertTrue(MemoryPlan.choose(folder, 640, 640, true, budget).splitCfg());
        assertTrue(!MemoryPlan.choose(folder, 544, 544, true, budget).splitCfg());
        assertTrue(limits.memoryProblem(folder, 256, 256, true, budget).isEmpty());
    }

    @Test
    void pipelineRefusesStepsBeyondTheScheduleAndSizesBeyondTheBudget() {
        ModelFolder folder = tiny();
        try (DiffusionPipeline pipeline = new DiffusionPipeline(folder, Device.CPU, 1L << 30)) {
            var steps = assertThrows(IllegalArgumentException.class,
                    () -> pipeline.generate(GenerationRequest.of("a red circle").withSteps(1000).withSize(128, 128), null, null));
            assertTrue(steps.getMessage().contains("steps must be between 1 and 999"), steps.getMessage());
            var memory = assertThrows(IllegalArgumentException.class,
                    () -> pipeline.generate(GenerationRequest.of("a red circle").withSteps(2).withSize(1024, 1024), null, null));
            assertTrue(memory.getMessage().contains("memory budget is 1.0 GiB"), memory.getMessage());
        }
    }

    @Test
    void promptCapsAreCheckedBeforeEncoding() {
        ModelFolder folder = tiny();
        try (DiffusionPipeline pipeline = new DiffusionPipeline(folder, Device.CPU)) {
            var chunks = assertThrows(IllegalArgumentException.class, () -> pipeline.generate(
                    GenerationRequest.of("red BREAK ".repeat(40)).withSteps(1).withSize(128, 128), null, null));
            assertTrue(chunks.getMessage().contains("needs 40 chunks of 75 tokens; at most 32"), chunks.getMessage());
            var chars = assertThrows(IllegalArgumentException.class, () -> pipeline.generate(
                    GenerationRequest.of("a".repeat(GenerationLimits.MAX_PROMPT_CHARS + 1)).withSteps(1).withSize(128, 128),
                    null, null));
            assertTrue(chars.getMessage().startsWith("prompt is 20001 characters long"), chars.getMessage());
        }
    }

    @Test
    void unetThatOutputsNanFailsNamingTheUnet() throws IOException {
        Path model = NanGraph.copy(Fixtures.embeddedModel("tiny-shapes"), temp.resolve("m"));
        Path unet = model.resolve("unet").resolve("model.onnx");
        Files.write(unet, NanGraph.model("out_sample", List.of(new NanGraph.Input("sample", null, 4, null, null),
                new NanGraph.Input("timestep", (Object) null),
                new NanGraph.Input("encoder_hidden_states", null, null, 128))));
        var e = assertThrows(ModelFolderException.class, () -> generate(model));
        assertTrue(e.getMessage().contains("the U-Net output NaN or infinity at step 1 of 2"), e.getMessage());
        assertEquals(unet.getFileName(), e.file().getFileName());
    }

    @Test
    void unetWithAWrongOutputShapeFailsNamingTheFileAndTheExpectedShape() throws IOException {
        Path model = NanGraph.copy(Fixtures.embeddedModel("tiny-shapes"), temp.resolve("m"));
        // the output follows the first declared input: here the text states, not the sample
        Files.write(model.resolve("unet").resolve("model.onnx"), NanGraph.model("out_sample", List.of(
                new NanGraph.Input("encoder_hidden_states", null, null, 128),
                new NanGraph.Input("sample", null, 4, null, null), new NanGraph.Input("timestep", (Object) null))));
        var e = assertThrows(ModelFolderException.class, () -> generate(model));
        assertTrue(e.getMessage().contains("unet") && e.getMessage().contains("expected 2048 (the sample's shape "
                + "2x4x16x16)"), e.getMessage());
    }

    @Test
    void vaeThatOutputsNanFailsNamingTheDecoder() throws IOException {
        Path model = NanGraph.copy(Fixtures.embeddedModel("tiny-shapes"), temp.resolve("m"));
        Files.write(model.resolve("vae_decoder").resolve("model.onnx"), NanGraph.model("sample",
                List.of(new NanGraph.Input("latent_sample", null, 4, null, null))));
        var e = assertThrows(ModelFolderException.class, () -> generate(model));
        assertTrue(e.getMessage().contains("the VAE decoder output NaN or infinity"), e.getMessage());
    }

    private static void generate(Path model) {
        try (DiffusionPipeline pipeline = new DiffusionPipeline(ModelFolder.open(model), Device.CPU)) {
            pipeline.generate(GenerationRequest.of("a red circle").withSteps(2).withSize(128, 128), null, null);
        }
    }
}
