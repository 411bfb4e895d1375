package dev.atelier.scheduler;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.atelier.scheduler.Configs.upstream;
import static dev.atelier.scheduler.SchedulerFixtures.dummyNoiseDeter;
import static dev.atelier.scheduler.SchedulerFixtures.dummySampleDeter;
import static dev.atelier.scheduler.SchedulerFixtures.meanAbs;
import static dev.atelier.scheduler.SchedulerFixtures.sumAbs;
import static dev.atelier.scheduler.SchedulerFixtures.times;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SCHEDULERS.md §3.4: diffusers' own scheduler unit tests ({@code tests/schedulers/}) on their
 * deterministic fixtures, with the tolerances those tests use (sum 1e-2, mean 1e-3), plus the
 * tighter "measured" values where the reference gives them.
 */
class UpstreamLoopsTest {
    private static Reference table() {
        return Reference.schedulers().from("### 3.4");
    }

    /** Numbers in the "Expected" column of the row starting with {@code rowStart}. */
    private static double[] expected(String rowStart) {
        return table().tableRow(rowStart).get(2);
    }

    private static double measured(String label) {
        return table().from("Measured values (reproduced)").number(label);
    }

    private static void assertSumMean(double sum, double mean, float[] x, String what) {
        assertEquals(sum, sumAbs(x), 1e-2, what + " sum|x|");
        assertEquals(mean, meanAbs(x), 1e-3, what + " mean|x|");
    }

    private static Scheduler ddim(Map<String, Object> json) {
        return Schedulers.create(SchedulerKind.DDIM, SchedulerConfig.fromJson(json, SchedulerKind.DDIM), 10);
    }

    @Test
    void ddimFullLoops() {
        double[] e = expected("| test_scheduler_ddim `test_full_loop_no_noise`");
        float[] x = Loops.upstream(ddim(upstream(1000, "clip_sample", true)), dummySampleDeter(), 0, null);
        assertSumMean(e[0], e[2], x, "DDIM");
        assertEquals(measured("- DDIM:"), sumAbs(x), 1e-4, "DDIM measured sum");

        e = expected("| ddim `…with_v_prediction`");
        x = Loops.upstream(ddim(upstream(1000, "prediction_type", "v_prediction")), dummySampleDeter(), 0, null);
        assertSumMean(e[0], e[1], x, "DDIM v");

        e = expected("| ddim `…with_set_alpha_to_one`");
        x = Loops.upstream(ddim(upstream(1000, "set_alpha_to_one", true, "beta_start", 0.01)),
                dummySampleDeter(), 0, null);
        assertSumMean(e[0], e[1], x, "DDIM alpha1");

        e = expected("| ddim `…with_no_set_alpha_to_one`");
        x = Loops.upstream(ddim(upstream(1000, "set_alpha_to_one", false, "beta_start", 0.01)),
                dummySampleDeter(), 0, null);
        assertSumMean(e[0], e[1], x, "DDIM no alpha1");
    }

    @Test
    void ddimVariance() {
        double[] e = table().tableRow("| ddim `test_variance`").get(1); // values sit in the setup column
        DdimScheduler s = (DdimScheduler) ddim(upstream(1000));
        int[][] pairs = {{420, 400}, {980, 960}, {487, 486}, {999, 998}, {0, 0}};
        for (int i = 0; i < pairs.length; i++) {
            assertEquals(e[i], s.variance(pairs[i][0], pairs[i][1]), 1e-5,
                    "_get_variance" + java.util.Arrays.toString(pairs[i]));
        }
    }

    @Test
    void ddimWithNoiseFromStepEight() {
        double[] e = expected("| ddim `…with_noise`");
        Scheduler s = ddim(upstream(1000));
        float[] noisy = s.addNoise(dummySampleDeter(), dummyNoiseDeter(), 8);
        assertSumMean(e[0], e[1], Loops.upstream(s, noisy, 8, null), "DDIM with noise");
    }

    private static Scheduler sigmaScheduler(SchedulerKind kind, Object... extra) {
        return Schedulers.create(kind, SchedulerConfig.fromJson(upstream(1100, extra), kind), 10);
    }

    private static float[] sigmaLoop(Scheduler s, NoiseSource noise) {
        return Loops.upstreamSigma(s, times(dummySampleDeter(), s.initNoiseSigma()), 0, noise);
    }

    @Test
    void eulerFullLoops() {
        double[] e = expected("| test_scheduler_euler `test_full_loop_no_noise`");
        float[] x = sigmaLoop(sigmaScheduler(SchedulerKind.EULER), null);
        assertSumMean(e[0], e[1], x, "Euler");
        assertEquals(measured("- Euler:"), sumAbs(x), 1e-4, "Euler measured sum");

        e = expected("| euler `…v_prediction`");
        assertSumMean(e[0], e[1], sigmaLoop(sigmaScheduler(SchedulerKind.EULER, "prediction_type", "v_prediction"),
                null), "Euler v");

        e = expected("| euler `…device_karras_sigmas`");
        x = sigmaLoop(sigmaScheduler(SchedulerKind.EULER, "use_karras_sigmas", true), null);
        assertSumMean(e[0], e[1], x, "Euler Karras");
        assertEquals(measured("- Euler Karras:"), sumAbs(x), 1e-4, "Euler Karras measured sum");
    }

    @Test
    void eulerWithNoiseFromStepEight() {
        double[] e = expected("| euler `…with_noise`");
        Scheduler s = sigmaScheduler(SchedulerKind.EULER);
        float[] start = s.addNoise(times(dummySampleDeter(), s.initNoiseSigma()), dummyNoiseDeter(), 8);
        assertSumMean(e[0], e[1], Loops.upstreamSigma(s, start, 8, null), "Euler with noise");
    }

    @Test
    void eulerAncestralLoopsWithTorchSeedZero() {
        double[] e = expected("| euler_ancestral `no_noise`");
        assertSumMean(e[0], e[1], sigmaLoop(sigmaScheduler(SchedulerKind.EULER_ANCESTRAL), new TorchGenerator(0)),
                "Euler a");
        assertSumMean(e[2], e[3], sigmaLoop(sigmaScheduler(SchedulerKind.EULER_ANCESTRAL,
                "prediction_type", "v_prediction"), new TorchGenerator(0)), "Euler a v");
        Scheduler s = sigmaScheduler(SchedulerKind.EULER_ANCESTRAL);
        float[] start = s.addNoise(times(dummySampleDeter(), s.initNoiseSigma()), dummyNoiseDeter(), 8);
        assertSumMean(e[4], e[5], Loops.upstreamSigma(s, start, 8, new TorchGenerator(0)), "Euler a with noise");
    }

    private static Scheduler dpm(SchedulerKind kind, Object... extra) {
        Map<String, Object> json = upstream(1000, "solver_order", 2, "prediction_type", "epsilon",
                "algorithm_type", "dpmsolver++", "solver_type", "midpoint", "lower_order_final", false,
                "euler_at_final", false, "final_sigmas_type", "sigma_min");
        for (int i = 0; i < extra.length; i += 2) {
            json.put((String) extra[i], extra[i + 1]);
        }
        return Schedulers.create(kind, SchedulerConfig.fromJson(json, kind), 10);
    }

    @Test
    void dpmSolverLoops() {
        double[] e = expected("| test_scheduler_dpm_multi `no_noise`");
        float[] x = Loops.upstream(dpm(SchedulerKind.DPMPP_2M), dummySampleDeter(), 0, null);
        assertEquals(e[0], meanAbs(x), 1e-3, "DPM mean");
        assertEquals(e[1], sumAbs(x), 1e-4, "DPM measured sum");

        e = expected("| dpm_multi v / karras+v / lu+v");
        assertEquals(e[0], meanAbs(Loops.upstream(dpm(SchedulerKind.DPMPP_2M, "prediction_type", "v_prediction"),
                dummySampleDeter(), 0, null)), 1e-3, "DPM v mean");
        assertEquals(e[1], meanAbs(Loops.upstream(dpm(SchedulerKind.DPMPP_2M_KARRAS,
                "prediction_type", "v_prediction"), dummySampleDeter(), 0, null)), 1e-3, "DPM Karras v mean");
        // e[2] is use_lu_lambdas, which Atelier does not implement (rejected in SchedulerConfigTest)
        Scheduler s = dpm(SchedulerKind.DPMPP_2M);
        float[] noisy = s.addNoise(dummySampleDeter(), dummyNoiseDeter(), 5);
        assertSumMean(e[3], e[4], Loops.upstream(s, noisy, 5, null), "DPM with noise");
    }

    private static Scheduler pndm(Object... extra) {
        return Schedulers.create(SchedulerKind.PNDM,
                SchedulerConfig.fromJson(upstream(1000, extra), SchedulerKind.PNDM), 10);
    }

    @Test
    void pndmLoopsWithRungeKuttaWarmUp() {
        double[] e = expected("| test_scheduler_pndm `no_noise`");
        float[] x = Loops.upstream(pndm(), dummySampleDeter(), 0, null);
        assertSumMean(e[0], e[1], x, "PNDM");
        assertEquals(measured("- PNDM:"), sumAbs(x), 1e-4, "PNDM measured sum");
        assertSumMean(e[2], e[3], Loops.upstream(pndm("prediction_type", "v_prediction"), dummySampleDeter(), 0,
                null), "PNDM v");
        assertSumMean(e[4], e[5], Loops.upstream(pndm("set_alpha_to_one", true, "beta_start", 0.01),
                dummySampleDeter(), 0, null), "PNDM alpha1");
        assertSumMean(e[6], e[7], Loops.upstream(pndm("set_alpha_to_one", false, "beta_start", 0.01),
                dummySampleDeter(), 0, null), "PNDM no alpha1");
    }

    private static Scheduler lcm(int steps) {
        Map<String, Object> json = Map.of("num_train_timesteps", 1000, "beta_start", 0.00085, "beta_end", 0.012,
                "beta_schedule", "scaled_linear", "prediction_type", "epsilon");
        return Schedulers.create(SchedulerKind.LCM, SchedulerConfig.fromJson(json, SchedulerKind.LCM), steps);
    }

    @Test
    void lcmOneStepAndMultiStep() {
        double[] e = expected("| test_scheduler_lcm `onestep`");
        float[] x = Loops.upstream(lcm(1), dummySampleDeter(), 0, null);
        assertEquals(e[0], sumAbs(x), 1e-3, "LCM one step sum");
        assertEquals(e[1], meanAbs(x), 1e-3, "LCM one step mean");
        assertEquals(measured("- LCM:"), sumAbs(x), 1e-4, "LCM measured sum");

        e = expected("| lcm `multistep`");
        assertSumMean(e[0], e[1], Loops.upstream(lcm(10), dummySampleDeter(), 0, new TorchGenerator(0)),
                "LCM 10 steps");
    }
}
