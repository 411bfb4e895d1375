package dev.atelier.pipeline;

import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.scheduler.SchedulerKind;
import dev.atelier.scheduler.Schedulers;
import dev.atelier.scheduler.SchedulerConfig;
import dev.atelier.scheduler.TimestepSpacing;
import org.junit.jupiter.api.Test;

import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.*;

class GenerationLimitsTest {
    private static final ModelFolder TINY = ModelFolder.open(EmbeddedModels.defaultModel());

    @Test
    void embeddedModelSizesFollowItsNativeSizeAndMultiple() {
        GenerationLimits limits = GenerationLimits.of(TINY);
        // tiny-shapes: 128×128 native, size_multiple 32 (models/tiny-shapes/atelier.json)
        assertEquals(32, limits.sizeMultiple());
        assertEquals(32, limits.minSide());
        assertEquals(256, limits.maxSide());
        assertTrue(limits.sideProblem("width", 100).orElseThrow().contains("multiple of 32 between 32 and 256"));
        assertTrue(limits.sideProblem("width", 160).isEmpty());
        assertTrue(limits.sideProblem("height", 288).isPresent());
    }

    @Test
    void memoryBudgetsReadAsTheCliAndTheWindowWriteThem() {
        assertEquals(8L << 30, GenerationLimits.parseMemoryBudget("8G"));
        assertEquals(3L << 29, GenerationLimits.parseMemoryBudget(" 1.5GiB "));
        assertEquals(512L << 20, GenerationLimits.parseMemoryBudget("512m"));
        assertEquals(100_000_000L, GenerationLimits.parseMemoryBudget("100000000"));
        assertEquals("'lots' is not a size; expected e.g. 8G, 512M",
                assertThrows(IllegalArgumentException.class, () -> GenerationLimits.parseMemoryBudget("lots")).getMessage());
        assertEquals("'10M' is out of range; expected 64M to 1024T",
                assertThrows(IllegalArgumentException.class, () -> GenerationLimits.parseMemoryBudget("10M")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> GenerationLimits.parseMemoryBudget("2000T"));
        assertThrows(IllegalArgumentException.class, () -> GenerationLimits.parseMemoryBudget(""));
    }

    @Test
    void stepLimitIsTheLargestTheSchedulerBuilds() {
        GenerationLimits limits = GenerationLimits.of(TINY);
        int max = limits.maxSteps();
        SchedulerConfig config = SchedulerConfig.fromJson(TINY.schedulerConfig(), SchedulerKind.DDIM);
        assertDoesNotThrow(() -> Schedulers.create(SchedulerKind.DDIM, config, max));
        if (max < GenerationRequest.MAX_STEPS) {
            assertThrows(IllegalArgumentException.class, () -> Schedulers.create(SchedulerKind.DDIM, config, max + 1));
        }
        // leading spacing with steps_offset 1 over 1000 training steps cannot take all 1000
        assertTrue(max < 1000, "max " + max);
        assertTrue(limits.stepsProblem(max + 1).isPresent());
        assertTrue(limits.stepsProblem(0).isPresent());
        assertTrue(limits.stepsProblem(20).isEmpty());
        GenerationLimits trailing = GenerationLimits.of(TINY, SchedulerKind.EULER, TimestepSpacing.TRAILING);
        assertTrue(trailing.maxSteps() >= 1);
    }

    @Test
    void problemsListsEveryBadValue() {
        GenerationLimits limits = GenerationLimits.of(TINY);
        assertEquals(4, limits.problems(0, Double.NaN, 100, 4096).size());
        assertTrue(limits.problems(20, 5, 128, 128).isEmpty());
        assertEquals(128, limits.nearestSide(120));
        assertEquals(256, limits.nearestSide(4096));
    }

    @Test
    void minusOneRollsASeedInA1111Range() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 1000; i++) {
            long s = Seeds.resolve(Seeds.RANDOM, random);
            assertTrue(s >= 0 && s <= Seeds.MAX_ROLLED);
        }
        assertEquals(12345, Seeds.resolve(12345, random));
        assertThrows(IllegalArgumentException.class, () -> Seeds.resolve(-2, random));
    }
}
