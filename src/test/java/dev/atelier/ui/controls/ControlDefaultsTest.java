package dev.atelier.ui.controls;

import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.GenerationLimits;
import dev.atelier.ui.TestModels;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ControlDefaultsTest {

    @Test
    void limitsAreTheCoresForTheModelAndEachScheduler() {
        ModelFolder folder = ModelFolder.open(TestModels.TINY_SHAPES);
        ControlDefaults preset = ControlDefaults.of(folder);
        assertEquals(GenerationLimits.of(folder), preset.limits(""), "the same limits the CLI checks");
        assertEquals(GenerationLimits.of(folder), preset.limits(null));
        assertEquals(GenerationLimits.of(folder, dev.atelier.scheduler.SchedulerKind.EULER, null), preset.limits("euler"));
    }

    @Test
    void anUnknownSchedulerFallsBackToTheModelsOwnLimits() {
        GenerationLimits own = new GenerationLimits(32, 256, 16, 150);
        ControlDefaults preset = new ControlDefaults(20, 5, "ddim", 128, 128, "pndm", Map.of("", own));
        assertSame(own, preset.limits("no-such"));
    }

    @Test
    void schedulerNamesBecomeCliNames() {
        assertEquals("euler-a", ControlDefaults.cliScheduler("EulerAncestralDiscreteScheduler"));
        assertEquals("ddim", ControlDefaults.cliScheduler("ddim"));
        assertNull(ControlDefaults.cliScheduler("NoSuchScheduler"));
        assertNull(ControlDefaults.cliScheduler(" "));
    }

    @Test
    void rejectsNonsense() {
        Map<String, GenerationLimits> limits = Map.of("", GenerationLimits.fallback());
        assertThrows(IllegalArgumentException.class, () -> new ControlDefaults(0, 5, null, 128, 128, null, limits));
        assertThrows(IllegalArgumentException.class, () -> new ControlDefaults(20, 5, null, 128, 128, null, Map.of()));
    }
}
