package dev.atelier.pipeline;

import dev.atelier.onnx.Device;
import dev.atelier.onnx.Fixtures;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.scheduler.SchedulerKind;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** End to end on the signature fixtures (random weights: the images are noise, the plumbing is real). */
class DiffusionPipelineTest {
    private static final GenerationRequest BASE = GenerationRequest.of("a large red star on a blue background")
            .withNegativePrompt("green").withSteps(4).withGuidance(5).withSize(64, 64).withSeed(42);

    private static GenerationResult run(String fixture, GenerationRequest request) {
        try (DiffusionPipeline p = new DiffusionPipeline(ModelFolder.open(Fixtures.fixture(fixture)), Device.CPU)) {
            return p.generate(request, StepListener.NONE, new CancelFlag());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"sd15", "sd2v", "sdxl", "sd15-fp16", "lcm"})
    void sameSeedGivesIdenticalPixelsAndAnotherSeedDoesNot(String fixture) {
        GenerationResult a = run(fixture, BASE);
        GenerationResult b = run(fixture, BASE);
        GenerationResult c = run(fixture, BASE.withSeed(43));
        assertEquals(64, a.image().width());
        assertArrayEquals(a.image().rgb(), b.image().rgb(), "two runs, same bytes");
        assertFalse(java.util.Arrays.equals(a.image().rgb(), c.image().rgb()), "seed changes the image");
        assertEquals(Device.CPU, a.provider().used());
        assertTrue(a.timings().ortNanos() > 0);
    }

    @Test
    void listenerSeesOneStatePerStepInOrder() {
        List<StepState> states = new ArrayList<>();
        try (DiffusionPipeline p = new DiffusionPipeline(ModelFolder.open(Fixtures.fixture(Fixtures.SD15)), Device.CPU)) {
            GenerationResult r = p.generate(BASE.withSteps(5).withScheduler(SchedulerKind.EULER_ANCESTRAL), states::add,
                    new CancelFlag());
            assertEquals(5, states.size());
            for (int i = 0; i < states.size(); i++) {
                StepState s = states.get(i);
                assertEquals(i, s.index());
                assertEquals(5, s.total());
                assertEquals(4 * 8 * 8, s.latents().length);
                assertNotNull(s.preview());
                assertEquals(8, s.preview().width());
            }
            assertTrue(states.get(0).timestep() > states.get(4).timestep(), "timesteps descend");
            assertEquals(SchedulerKind.EULER_ANCESTRAL, r.settings().scheduler());
            assertEquals(5, r.timings().stepNanos().length);
        }
    }

    @Test
    void cancelTakesEffectWithinOneStep() {
        CancelFlag cancel = new CancelFlag();
        List<StepState> states = new ArrayList<>();
        try (DiffusionPipeline p = new DiffusionPipeline(ModelFolder.open(Fixtures.fixture(Fixtures.SD15)), Device.CPU)) {
            GenerationCancelledException e = assertThrows(GenerationCancelledException.class,
                    () -> p.generate(BASE.withSteps(10), s -> {
                        states.add(s);
                        if (s.index() == 2) {
                            cancel.cancel();
                        }
                    }, cancel));
            assertEquals(3, states.size(), "no step after the one that cancelled");
            assertEquals(2, e.lastState().orElseThrow().index());
        }
    }

    @Test
    void cudaFallsBackToCpuOnThisBuild() {
        try (DiffusionPipeline p = new DiffusionPipeline(ModelFolder.open(Fixtures.fixture(Fixtures.SD15)), Device.CUDA)) {
            GenerationResult r = p.generate(BASE.withSteps(2), StepListener.NONE, new CancelFlag());
            org.junit.jupiter.api.Assumptions.assumeTrue(r.provider().fellBack(), "this build has CUDA");
            assertEquals(Device.CPU, r.provider().used());
            assertEquals(Device.CUDA, r.provider().requested());
            assertTrue(r.warnings().stream().anyMatch(w -> w.contains("CUDA")));
        }
    }

    @Test
    void sizeMustFitTheModel() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> run(Fixtures.SD15, BASE.withSize(72, 64)));
        assertTrue(e.getMessage().contains("multiple of 32"), e.getMessage());
    }

    @Test
    void sdxlAbsentNegativeDiffersFromEmptyString() {
        GenerationResult absent = run(Fixtures.SDXL, BASE.withNegativePrompt(null));
        GenerationResult empty = run(Fixtures.SDXL, BASE.withNegativePrompt(""));
        assertFalse(java.util.Arrays.equals(absent.image().rgb(), empty.image().rgb()),
                "force_zeros_for_empty_prompt: absent = zeros, \"\" = encoded");
        GenerationResult sd1Absent = run(Fixtures.SD15, BASE.withNegativePrompt(null));
        GenerationResult sd1Empty = run(Fixtures.SD15, BASE.withNegativePrompt(""));
        assertArrayEquals(sd1Absent.image().rgb(), sd1Empty.image().rgb(), "SD 1.x encodes \"\" either way");
    }

    @Test
    void longPromptsAndBreakEncodeSeveralChunks() {
        List<StepState> states = new ArrayList<>();
        GenerationRequest broken = BASE.withSteps(2).withPrompt("a large red star BREAK on a blue background");
        try (DiffusionPipeline p = new DiffusionPipeline(ModelFolder.open(Fixtures.fixture(Fixtures.SDXL)), Device.CPU)) {
            GenerationResult two = p.generate(broken, states::add, new CancelFlag());
            GenerationResult one = p.generate(BASE.withSteps(2), StepListener.NONE, new CancelFlag());
            assertFalse(java.util.Arrays.equals(two.image().rgb(), one.image().rgb()), "BREAK changes the conditioning");
            String longPrompt = "a large red star on a blue background, ".repeat(12);
            assertEquals(64, p.generate(BASE.withSteps(1).withPrompt(longPrompt), StepListener.NONE, new CancelFlag())
                    .image().width(), "more than 75 tokens: 2 chunks of 77 on the sequence axis");
        }
        assertEquals(2, states.size());
    }

    @Test
    void emphasisChangesTheImageAndTheModesDiffer() {
        GenerationRequest plain = BASE.withSteps(2).withPrompt("a large red star on a blue background");
        GenerationRequest weighted = plain.withPrompt("a large (red:1.6) star on a blue background");
        byte[] a = run(Fixtures.SD15, plain).image().rgb();
        byte[] original = run(Fixtures.SD15, weighted).image().rgb();
        byte[] noNorm = run(Fixtures.SD15, weighted.withEmphasis(dev.atelier.prompt.Emphasis.NO_NORM)).image().rgb();
        assertFalse(java.util.Arrays.equals(a, original));
        assertFalse(java.util.Arrays.equals(original, noNorm));
    }

    @ParameterizedTest
    @org.junit.jupiter.params.provider.EnumSource(SchedulerKind.class)
    void everySchedulerRunsOneUnetEvaluationPerListedTimestep(SchedulerKind kind) {
        List<StepState> states = new ArrayList<>();
        try (DiffusionPipeline p = new DiffusionPipeline(ModelFolder.open(Fixtures.fixture(Fixtures.SD15)), Device.CPU)) {
            GenerationResult r = p.generate(BASE.withSteps(4).withScheduler(kind), states::add, new CancelFlag());
            assertEquals(kind, r.settings().scheduler());
            assertEquals(kind == SchedulerKind.PNDM ? 5 : 4, states.size(), "PNDM (PLMS) repeats its second timestep");
            assertEquals(states.size(), r.timings().stepNanos().length);
        }
    }

    @Test
    void theSamePromptIsEncodedOnceAcrossASeedSweep() {
        try (DiffusionPipeline p = new DiffusionPipeline(ModelFolder.open(Fixtures.fixture(Fixtures.SD15)), Device.CPU)) {
            GenerationResult first = p.generate(BASE.withSteps(1), StepListener.NONE, new CancelFlag());
            GenerationResult again = p.generate(BASE.withSteps(1).withSeed(99), StepListener.NONE, new CancelFlag());
            GenerationResult changed = p.generate(BASE.withSteps(1).withNegativePrompt("red"), StepListener.NONE,
                    new CancelFlag());
            assertTrue(first.timings().stageOrt(Stage.ENCODE_PROMPT) > 0);
            assertEquals(0, again.timings().stageOrt(Stage.ENCODE_PROMPT), "cached conditioning");
            assertTrue(changed.timings().stageOrt(Stage.ENCODE_PROMPT) > 0, "a new negative prompt is encoded");
        }
    }

    @Test
    void turboIsDetectedFromItsSchedulerAndIgnoresGuidance(@org.junit.jupiter.api.io.TempDir java.nio.file.Path temp)
            throws java.io.IOException {
        java.nio.file.Path dir = Fixtures.copy(Fixtures.SD15, temp);
        java.nio.file.Path config = dir.resolve("scheduler/scheduler_config.json");
        java.nio.file.Files.writeString(config, java.nio.file.Files.readString(config)
                .replace("PNDMScheduler", "EulerDiscreteScheduler").replace("\"leading\"", "\"trailing\""));
        ModelFolder folder = ModelFolder.open(dir);
        assertEquals(dev.atelier.onnx.ModelFamily.SD_TURBO, folder.family());
        try (DiffusionPipeline p = new DiffusionPipeline(folder, Device.CPU)) {
            GenerationResult g0 = p.generate(BASE.withSteps(2).withGuidance(0), StepListener.NONE, new CancelFlag());
            GenerationResult g7 = p.generate(BASE.withSteps(2).withGuidance(7.5), StepListener.NONE, new CancelFlag());
            assertArrayEquals(g0.image().rgb(), g7.image().rgb(), "distilled: no unconditional pass, guidance unused");
            assertEquals(SchedulerKind.EULER, g7.settings().scheduler());
            assertEquals(dev.atelier.scheduler.TimestepSpacing.TRAILING, g7.settings().timestepSpacing());
        }
    }

    @Test
    void guidanceAtMostOneSkipsTheUnconditionalPass() {
        GenerationResult one = run(Fixtures.SD15, BASE.withSteps(2).withGuidance(1));
        GenerationResult otherNegative = run(Fixtures.SD15, BASE.withSteps(2).withGuidance(1).withNegativePrompt("red"));
        assertArrayEquals(one.image().rgb(), otherNegative.image().rgb(), "the negative prompt is not used at cfg 1");
    }
}
