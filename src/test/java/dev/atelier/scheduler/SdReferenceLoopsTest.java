package dev.atelier.scheduler;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static dev.atelier.scheduler.Configs.sd15;
import static dev.atelier.scheduler.Configs.sdxl;
import static dev.atelier.scheduler.SchedulerFixtures.dummySampleDeter;
import static dev.atelier.scheduler.SchedulerFixtures.meanAbs;
import static dev.atelier.scheduler.SchedulerFixtures.sumAbs;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * SCHEDULERS.md §3.5: pipeline-style loops (x starts at sample·init_noise_sigma, the UNet sees
 * {@code scale_model_input(x)}) on the SD configs, with sum/mean/flat values and per-step traces.
 */
class SdReferenceLoopsTest {
    private static final Pattern FLAT = Pattern.compile("flat\\[(\\d+)]=(-?[\\d.]+)");
    private static final double REL = 2e-6;

    record Expected(double sum, double mean, Map<Integer, Double> flat) {
    }

    /** Parses the reference line starting with {@code label}: sum, mean and any flat[k]=v values. */
    private static Expected expected(String label) {
        String values = Reference.schedulers().from("### 3.5").line(label);
        int paren = values.indexOf("(n=50");
        if (paren >= 0) {
            values = values.substring(0, paren);
        }
        Map<Integer, Double> flat = new HashMap<>();
        Matcher m = FLAT.matcher(values);
        while (m.find()) {
            flat.put(Integer.parseInt(m.group(1)), Double.parseDouble(m.group(2)));
        }
        double[] rest = Reference.numbers(FLAT.matcher(values).replaceAll(""));
        return new Expected(rest[0], rest[1], flat);
    }

    private static void check(String label, float[] x) {
        Expected e = expected(label);
        assertEquals(e.sum(), sumAbs(x), REL * e.sum(), label + " sum|x|");
        assertEquals(e.mean(), meanAbs(x), 1e-7 + REL * e.mean(), label + " mean|x|");
        e.flat().forEach((k, v) -> assertEquals(v, x[k], 1e-7 + REL * Math.abs(v), label + " flat[" + k + "]"));
    }

    private static float[] run(SchedulerKind kind, Map<String, Object> json, int steps, NoiseSource noise,
                               List<Float> trace) {
        Scheduler s = Schedulers.create(kind, SchedulerConfig.fromJson(json, kind), steps,
                noise != null && kind == SchedulerKind.DDIM ? 1.0 : 0.0);
        return Loops.pipeline(s, dummySampleDeter(), noise, trace);
    }

    private static float[] run(SchedulerKind kind, Map<String, Object> json, int steps) {
        return run(kind, json, steps, null, null);
    }

    private static void checkTrace(String label, List<Float> trace) {
        double[] expected = Reference.schedulers().from("Per-step traces").list(label);
        assertEquals(expected.length, trace.size(), label + " trace length");
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], trace.get(i), 1e-6 + REL * Math.abs(expected[i]), label + " trace[" + i + "]");
        }
    }

    @Test
    void ddim() {
        List<Float> trace = new ArrayList<>();
        check("DDIM SD1.5cfg(clip False, alpha1 False, offset 1) n=20 eps:",
                run(SchedulerKind.DDIM, sd15(), 20, null, trace));
        checkTrace("DDIM:", trace);
        check("DDIM SD1.5cfg n=50 eps:", run(SchedulerKind.DDIM, sd15(), 50));
        check("DDIM SD2.1cfg n=20 v_prediction:", run(SchedulerKind.DDIM, sd15("prediction_type", "v_prediction"), 20));
        check("DDIM n=20 eta=1 noise=noise_deter:", run(SchedulerKind.DDIM, sd15(), 20, Loops.deterministicNoise(), null));
        check("DDIM trailing n=4 offset0 eps:",
                run(SchedulerKind.DDIM, sd15("timestep_spacing", "trailing", "steps_offset", 0), 4));
    }

    @Test
    void pndmPlms() {
        List<Float> trace = new ArrayList<>();
        check("PNDM(PLMS) SD1.5cfg n=20 eps:", run(SchedulerKind.PNDM, sd15(), 20, null, trace));
        checkTrace("PNDM(21):", trace);
        String line = Reference.schedulers().from("### 3.5").line("PNDM(PLMS) SD1.5cfg n=20 eps:");
        double[] n50 = Reference.numbers(line.substring(line.indexOf("(n=50:") + 6).replaceAll("flat\\[767]=", ""));
        float[] x = run(SchedulerKind.PNDM, sd15(), 50);
        assertEquals(n50[0], sumAbs(x), REL * n50[0], "PLMS n=50 sum");
        assertEquals(n50[1], x[767], 1e-6, "PLMS n=50 flat[767]");
    }

    @Test
    void euler() {
        List<Float> trace = new ArrayList<>();
        check("Euler SDXLcfg(leading,off1) n=20:", run(SchedulerKind.EULER, sdxl(), 20, null, trace));
        checkTrace("Euler:", trace);
        Map<String, Object> v = sdxl();
        v.put("prediction_type", "v_prediction");
        check("Euler SDXLcfg n=20 v_prediction:", run(SchedulerKind.EULER, v, 20));
        Map<String, Object> karras = sdxl();
        karras.put("use_karras_sigmas", true);
        check("Euler karras(leading,off1) n=20:", run(SchedulerKind.EULER, karras, 20));
        check("Euler trailing n=4 (SD-Turbo):", run(SchedulerKind.EULER, sd15("timestep_spacing", "trailing"), 4));
    }

    @Test
    void eulerAncestralWithFixtureNoise() {
        check("EulerA SDXLcfg n=20 noise=deter:",
                run(SchedulerKind.EULER_ANCESTRAL, sdxl(), 20, Loops.deterministicNoise(), null));
        check("EulerA trailing n=4 noise=deter:", run(SchedulerKind.EULER_ANCESTRAL,
                sd15("timestep_spacing", "trailing"), 4, Loops.deterministicNoise(), null));
    }

    @Test
    void dpmSolver() {
        Map<String, Object> leading = sd15("timestep_spacing", "leading");
        check("DPM++2M SDcfg(leading,off1) n=20:", run(SchedulerKind.DPMPP_2M, leading, 20));
        List<Float> trace = new ArrayList<>();
        check("DPM++2M Karras n=20 eps:", run(SchedulerKind.DPMPP_2M_KARRAS, sd15(), 20, null, trace));
        checkTrace("DPM++2M K:", trace);
        check("DPM++2M Karras n=20 v_prediction:",
                run(SchedulerKind.DPMPP_2M_KARRAS, sd15("prediction_type", "v_prediction"), 20));
        check("DPM++2M SDcfg n=10 eps:", run(SchedulerKind.DPMPP_2M, leading, 10));
    }

    @Test
    void lcm() {
        check("LCM n=1:", run(SchedulerKind.LCM, Configs.lcm(), 1));
        check("LCM n=4 noise=noise_deter:", run(SchedulerKind.LCM, Configs.lcm(), 4, Loops.deterministicNoise(), null));
    }
}
