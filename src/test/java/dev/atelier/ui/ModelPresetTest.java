package dev.atelier.ui;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ModelPresetTest {
    private final ModelPreset shapes = new ModelPreset(20, 5, "ddim", 128, 128, 16, "pndm");

    @Test
    void sizesStayWithinTheModelsLimitsAndMultiple() {
        assertEquals(32, shapes.minSize());
        assertEquals(256, shapes.maxSize());
        assertEquals(128, shapes.clampSize(130));
        assertEquals(144, shapes.clampSize(137));
        assertEquals(256, shapes.clampSize(4096));
        assertEquals(32, shapes.clampSize(1));
    }

    @Test
    void schedulerNamesBecomeCliNames() {
        assertEquals("euler-a", ModelPreset.cliScheduler("EulerAncestralDiscreteScheduler"));
        assertEquals("ddim", ModelPreset.cliScheduler("ddim"));
        assertNull(ModelPreset.cliScheduler("NoSuchScheduler"));
        assertNull(ModelPreset.cliScheduler(" "));
    }

    @Test
    void rejectsNonsense() {
        assertThrows(IllegalArgumentException.class, () -> new ModelPreset(0, 5, null, 128, 128, 16, null));
    }
}
