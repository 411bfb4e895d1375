package dev.atelier.scheduler;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.atelier.scheduler.Configs.create;
import static dev.atelier.scheduler.Configs.sd15;
import static dev.atelier.scheduler.SchedulerFixtures.assertAllClose;
import static dev.atelier.scheduler.SchedulerKind.DDIM;
import static dev.atelier.scheduler.SchedulerKind.DPMPP_2M;
import static dev.atelier.scheduler.SchedulerKind.DPMPP_2M_KARRAS;
import static dev.atelier.scheduler.SchedulerKind.EULER;
import static dev.atelier.scheduler.SchedulerKind.EULER_ANCESTRAL;
import static dev.atelier.scheduler.SchedulerKind.LCM;
import static dev.atelier.scheduler.SchedulerKind.PNDM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SCHEDULERS.md §3.2: timestep lists per scheduler, spacing and config. */
class TimestepListsTest {
    private static Reference ref() {
        return Reference.schedulers().from("### 3.2 Timestep lists");
    }

    /** Checks an abbreviated {@code [a, b, ..., y, z]} list: ends match, the middle continues the head's step. */
    static void assertGapped(Reference.Gapped expected, double[] actual, int length, String what) {
        assertEquals(length, actual.length, what + " length");
        double[] head = expected.head();
        double[] tail = expected.tail();
        for (int i = 0; i < head.length; i++) {
            assertEquals(head[i], actual[i], 1e-4, what + "[" + i + "]");
        }
        for (int i = 0; i < tail.length; i++) {
            int at = actual.length - tail.length + i;
            assertEquals(tail[i], actual[at], 1e-4, what + "[" + at + "]");
        }
        if (tail.length > 0) {
            double step = head[head.length - 1] - head[head.length - 2];
            for (int i = head.length; i <= actual.length - tail.length; i++) {
                assertEquals(step, actual[i] - actual[i - 1], 1e-4, what + " elided step at " + i);
            }
        }
    }

    @Test
    void leadingWithOffsetOneForDdimEulerAndEulerAncestral() {
        Reference r = ref().from("DDIM/PNDM/Euler leading, steps_offset=1:");
        Map<String, Object> json = sd15("timestep_spacing", "leading");
        for (int n : new int[] {10, 20, 25, 30, 50, 7}) {
            Reference.Gapped expected = r.gappedList(n == 7 ? "n=7 :" : "n=" + n + ":");
            for (SchedulerKind kind : new SchedulerKind[] {DDIM, EULER, EULER_ANCESTRAL}) {
                assertGapped(expected, create(kind, json, n).timesteps(), n, kind + " leading n=" + n);
            }
        }
        assertGapped(r.gappedList("leading n=20, steps_offset=0:"),
                create(DDIM, sd15("timestep_spacing", "leading", "steps_offset", 0), 20).timesteps(), 20,
                "leading offset 0");
    }

    @Test
    void ddimTrailingAndLinspace() {
        Reference r = ref().from("DDIM trailing");
        Map<String, Object> trailing = sd15("timestep_spacing", "trailing");
        assertGapped(r.gappedList("n=20:"), create(DDIM, trailing, 20).timesteps(), 20, "trailing 20");
        for (int n : new int[] {4, 3, 6}) {
            assertArrayEquals(r.list("n=" + n + ":"), create(DDIM, trailing, n).timesteps(), "trailing " + n);
        }
        assertArrayEquals(ref().list("DDIM linspace n=20:"),
                create(DDIM, sd15("timestep_spacing", "linspace"), 20).timesteps(), "DDIM linspace 20");
    }

    @Test
    void pndmRepeatsTheSecondTimestepOrRunsRungeKutta() {
        Reference r = ref().from("PNDM SD1.5 (skip_prk)");
        assertGapped(r.gappedList("n=20 (21 entries):"), create(PNDM, sd15(), 20).timesteps(), 21, "PLMS 20");
        assertGapped(r.gappedList("n=50:"), create(PNDM, sd15(), 50).timesteps(), 51, "PLMS 50");
        assertGapped(ref().gappedList("PNDM with PRK n=20 (29 entries):"),
                create(PNDM, sd15("skip_prk_steps", false), 20).timesteps(), 29, "PRK 20");
        assertArrayEquals(ref().list("upstream test: PNDM linear, steps_offset=1, n=10 ->"),
                create(PNDM, Configs.upstream(1000, "steps_offset", 1), 10).timesteps(), "upstream PNDM");
        assertArrayEquals(ref().list("upstream test: DDIM steps_offset=1, n=5 ->"),
                create(DDIM, Configs.upstream(1000, "steps_offset", 1), 5).timesteps(), "upstream DDIM");
    }

    @Test
    void eulerDefaultsToFractionalLinspaceWhenGivenTheSd15Config() {
        assertAllClose(ref().list("Euler linspace n=20 (float):"), create(EULER, sd15(), 20).timesteps(), 1e-7,
                "Euler linspace (from_config of the PNDM file)");
    }

    @Test
    void turboTrailing() {
        Reference r = ref().from("Euler/EulerA trailing (Turbo):");
        for (int n : new int[] {1, 2, 4}) {
            double[] expected = r.list("n=" + n + " ");
            for (SchedulerKind kind : new SchedulerKind[] {EULER, EULER_ANCESTRAL}) {
                assertArrayEquals(expected, create(kind, sd15("timestep_spacing", "trailing"), n).timesteps(),
                        kind + " trailing " + n);
            }
        }
    }

    @Test
    void dpmSolverSpacings() {
        Reference r = ref().from("DPM++2M leading+offset1:");
        Map<String, Object> leading = sd15("timestep_spacing", "leading");
        assertArrayEquals(r.list("n=20"), create(DPMPP_2M, leading, 20).timesteps(), "DPM leading 20");
        assertArrayEquals(r.list("n=25"), create(DPMPP_2M, leading, 25).timesteps(), "DPM leading 25");
        assertArrayEquals(ref().list("DPM++2M linspace (class default) n=20:"),
                create(DPMPP_2M, sd15(), 20).timesteps(), "DPM linspace 20");
        assertArrayEquals(ref().list("DPM++2M Karras n=20:"), create(DPMPP_2M_KARRAS, sd15(), 20).timesteps(),
                "DPM Karras 20");
        assertArrayEquals(ref().list("DPM++2M Karras n=25:"), create(DPMPP_2M_KARRAS, sd15(), 25).timesteps(),
                "DPM Karras 25");
    }

    @Test
    void lcmPicksFromItsDistillationSchedule() {
        Reference r = ref().from("LCM (original 50):");
        for (int n : new int[] {1, 2, 4, 8}) {
            assertArrayEquals(r.list("n=" + n + " "), create(LCM, Configs.lcm(), n).timesteps(), "LCM " + n);
        }
    }
}
