package dev.atelier.scheduler;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.atelier.scheduler.SchedulerFixtures.assertClose;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** SCHEDULERS.md §3.1: the SD schedule (scaled_linear 0.00085 → 0.012, T = 1000). */
class NoiseScheduleTest {
    private static final double TOL = 1e-6;

    static NoiseSchedule sd() {
        return NoiseSchedule.of(SchedulerConfig.fromJson(Map.of(
                "beta_start", 0.00085, "beta_end", 0.012, "beta_schedule", "scaled_linear"), SchedulerKind.PNDM));
    }

    @Test
    void betasMatchTorchLinspaceSquared() {
        Reference ref = Reference.schedulers().from("### 3.1");
        NoiseSchedule s = sd();
        for (int t : new int[] {0, 1, 500, 999}) {
            double expected = ref.number("betas[" + t + "]=");
            assertEquals((float) expected, s.beta(t), "betas[" + t + "] bit-exact");
        }
    }

    @Test
    void alphasCumprodAndSigmaTableRows() {
        Reference ref = Reference.schedulers().from("### 3.1").from("sqrt(1-ac)   sigma\n");
        NoiseSchedule s = sd();
        float[] sigmas = s.sigmas();
        int rows = 0;
        for (String line : ref.linesUntil("sigma_min")) {
            double[] v = Reference.numbers(line);
            int t = (int) v[0];
            float ac = s.alphaCumprod(t);
            assertClose(v[1], ac, TOL, "alphas_cumprod[" + t + "]");
            assertClose(v[2], Math.sqrt(ac), TOL, "sqrt(ac)[" + t + "]");
            assertClose(v[3], Math.sqrt(1 - ac), TOL, "sqrt(1-ac)[" + t + "]");
            assertClose(v[4], sigmas[t], TOL, "sigma[" + t + "]");
            rows++;
        }
        assertTrue(rows >= 13, "parsed " + rows + " table rows");
    }

    @Test
    void sigmaRangeAndCumprodSum() {
        Reference ref = Reference.schedulers().from("### 3.1");
        float[] sigmas = sd().sigmas();
        assertClose(ref.number("sigma_min ="), sigmas[0], TOL, "sigma_min");
        assertClose(ref.number("sigma_max ="), sigmas[999], TOL, "sigma_max");
        assertEquals(0x4169d598, Float.floatToIntBits(sigmas[999]), "sigma_max f32 bits");
        double sum = 0;
        for (float a : sd().alphasCumprod()) {
            sum += a;
        }
        assertClose(ref.number("sum(alphas_cumprod) ="), sum, 1e-7, "sum(alphas_cumprod)");
    }

    @Test
    void torchLinspaceHitsBothEndsExactly() {
        float[] l = NoiseSchedule.torchLinspace(0.0001f, 0.02f, 1000);
        assertEquals(0.0001f, l[0]);
        assertEquals(0.02f, l[999]);
        assertEquals(1, NoiseSchedule.torchLinspace(3f, 5f, 1).length);
    }

    @Test
    void cosineScheduleIsCappedAndIncreasing() {
        NoiseSchedule s = NoiseSchedule.of(SchedulerConfig.fromJson(
                Map.of("beta_schedule", "squaredcos_cap_v2"), SchedulerKind.DDIM));
        assertTrue(s.beta(0) > 0 && s.beta(0) < 1e-4, "first cosine beta is tiny: " + s.beta(0));
        assertEquals(0.999f, s.beta(999), "last beta capped at max_beta");
        for (int t = 1; t < 999; t++) {
            assertTrue(s.beta(t) >= s.beta(t - 1), "cosine betas increase at " + t);
        }
    }

    @Test
    void zeroTerminalSnrRescaleKeepsFirstAndZeroesLast() {
        SchedulerConfig plain = SchedulerConfig.fromJson(Map.of("beta_schedule", "scaled_linear",
                "beta_start", 0.00085, "beta_end", 0.012), SchedulerKind.DDIM);
        SchedulerConfig rescaled = SchedulerConfig.fromJson(Map.of("beta_schedule", "scaled_linear",
                "beta_start", 0.00085, "beta_end", 0.012, "rescale_betas_zero_snr", true), SchedulerKind.DDIM);
        NoiseSchedule a = NoiseSchedule.of(plain);
        NoiseSchedule b = NoiseSchedule.of(rescaled);
        assertClose(a.alphaCumprod(0), b.alphaCumprod(0), 1e-6, "first alpha_cumprod unchanged");
        assertEquals(0f, b.alphaCumprod(999), "terminal SNR is zero");
        assertEquals(1f, b.beta(999), "last beta becomes 1");
    }

    @Test
    void trainedBetasAreUsedVerbatim() {
        double[] betas = new double[10];
        for (int i = 0; i < 10; i++) {
            betas[i] = 0.01 * (i + 1);
        }
        NoiseSchedule s = NoiseSchedule.of(SchedulerConfig.fromJson(
                Map.of("num_train_timesteps", 10, "trained_betas", betas), SchedulerKind.DDIM));
        assertEquals(0.05f, s.beta(4));
        assertClose(0.99 * 0.98, s.alphaCumprod(1), 1e-7, "cumprod of trained betas");
    }
}
