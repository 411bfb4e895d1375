package dev.atelier.scheduler;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class SchedulerKindTest {

    @Test
    void cliNamesRoundTrip() {
        String[] names = {"ddim", "euler", "euler-a", "dpmpp-2m", "dpmpp-2m-karras", "pndm", "lcm"};
        assertEquals(names.length, SchedulerKind.values().length);
        for (int i = 0; i < names.length; i++) {
            assertEquals(names[i], SchedulerKind.values()[i].cliName());
            assertEquals(SchedulerKind.values()[i], SchedulerKind.fromCliName(names[i]));
        }
        assertEquals(SchedulerKind.EULER_ANCESTRAL, SchedulerKind.fromCliName(" Euler_A "));
    }

    @Test
    void unknownCliNameListsTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchedulerKind.fromCliName("heun"));
        assertEquals("Unknown scheduler \"heun\"; expected one of ddim, euler, euler-a, dpmpp-2m, "
                + "dpmpp-2m-karras, pndm, lcm.", e.getMessage());
    }

    @Test
    void diffusersClassNames() {
        assertEquals(Optional.of(SchedulerKind.PNDM), SchedulerKind.fromDiffusersClass("PNDMScheduler"));
        assertEquals(Optional.of(SchedulerKind.DDIM), SchedulerKind.fromDiffusersClass("DDIMScheduler"));
        assertEquals(Optional.of(SchedulerKind.EULER), SchedulerKind.fromDiffusersClass("EulerDiscreteScheduler"));
        assertEquals(Optional.of(SchedulerKind.EULER_ANCESTRAL),
                SchedulerKind.fromDiffusersClass("EulerAncestralDiscreteScheduler"));
        assertEquals(Optional.of(SchedulerKind.LCM), SchedulerKind.fromDiffusersClass("LCMScheduler"));
        assertEquals(Optional.of(SchedulerKind.DPMPP_2M),
                SchedulerKind.fromDiffusersClass("DPMSolverMultistepScheduler"));
        assertEquals(Optional.empty(), SchedulerKind.fromDiffusersClass("LMSDiscreteScheduler"));
        assertEquals(Optional.empty(), SchedulerKind.fromDiffusersClass(null));
        assertEquals(SchedulerKind.EULER, SchedulerKind.fallback());
    }

    @Test
    void dpmConfigWithKarrasSigmasIsTheKarrasKind() {
        assertEquals(Optional.of(SchedulerKind.DPMPP_2M_KARRAS), SchedulerKind.fromDiffusersConfig(
                Map.of("_class_name", "DPMSolverMultistepScheduler", "use_karras_sigmas", true)));
        assertEquals(Optional.of(SchedulerKind.DPMPP_2M), SchedulerKind.fromDiffusersConfig(
                Map.of("_class_name", "DPMSolverMultistepScheduler", "use_karras_sigmas", false)));
        assertEquals(Optional.of(SchedulerKind.EULER), SchedulerKind.fromDiffusersConfig(
                Map.of("_class_name", "EulerDiscreteScheduler", "use_karras_sigmas", true)));
        assertEquals(Optional.empty(), SchedulerKind.fromDiffusersConfig(Map.of()));
    }
}
