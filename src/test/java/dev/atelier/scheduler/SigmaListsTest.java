package dev.atelier.scheduler;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.atelier.scheduler.Configs.sd15;
import static dev.atelier.scheduler.Configs.sdxl;
import static dev.atelier.scheduler.SchedulerFixtures.assertAllClose;
import static dev.atelier.scheduler.SchedulerFixtures.assertClose;
import static dev.atelier.scheduler.SchedulerFixtures.widen;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** SCHEDULERS.md §3.3: Euler / DPM++ sigma lists, Karras schedules, init_noise_sigma and LCM scalings. */
class SigmaListsTest {
    private static final double TOL = 1e-6;

    private static Reference ref() {
        return Reference.schedulers().from("### 3.3 Sigma lists");
    }

    private static EulerScheduler euler(Map<String, Object> json, int steps) {
        return new EulerScheduler(SchedulerConfig.fromJson(json, SchedulerKind.EULER), steps);
    }

    private static DpmSolverMultistepScheduler dpm(Map<String, Object> json, SchedulerKind kind, int steps) {
        return (DpmSolverMultistepScheduler) Schedulers.create(kind, SchedulerConfig.fromJson(json, kind), steps);
    }

    @Test
    void eulerLeadingOffsetOne() {
        Reference r = ref().from("Euler leading+offset1 n=20:");
        EulerScheduler e = euler(sdxl(), 20);
        assertAllClose(r.list(""), widen(e.sigmas()), TOL, "Euler SDXL sigmas");
        assertClose(r.number("init_noise_sigma ="), e.initNoiseSigma(), 1e-7, "init_noise_sigma n=20");
        for (int n : new int[] {25, 30, 50}) {
            assertClose(r.number("n=" + n + " "), euler(sdxl(), n).initNoiseSigma(), 1e-7,
                    "init_noise_sigma n=" + n);
        }
        assertClose(r.number("(σ0="), euler(sdxl(), 50).sigmas()[0], TOL, "σ0 for n=50");
    }

    @Test
    void eulerLinspaceAndTrailing() {
        Reference r = ref();
        EulerScheduler linspace = euler(sd15(), 20);
        assertAllClose(r.list("Euler linspace n=20:"), widen(linspace.sigmas()), TOL, "Euler linspace");
        assertClose(r.from("Euler linspace n=20:").number("init_noise_sigma ="), linspace.initNoiseSigma(), 1e-7,
                "linspace init_noise_sigma = σmax");
        Map<String, Object> trailing = sd15("timestep_spacing", "trailing");
        assertAllClose(r.list("Euler trailing n=20:"), widen(euler(trailing, 20).sigmas()), TOL, "trailing 20");
        Reference turbo = r.from("Euler trailing n=4 (Turbo):");
        assertAllClose(turbo.list(""), widen(euler(trailing, 4).sigmas()), TOL, "trailing 4");
        assertAllClose(turbo.list("n=2:"), widen(euler(trailing, 2).sigmas()), TOL, "trailing 2");
        assertAllClose(turbo.list("n=1:"), widen(euler(trailing, 1).sigmas()), TOL, "trailing 1");
        assertClose(turbo.number("init_noise_sigma"), euler(trailing, 4).initNoiseSigma(), 1e-7, "turbo init sigma");
    }

    @Test
    void karrasFullRangeForDpmAndEulerOnLinspace() {
        Reference r = ref().from("Karras (full range;");
        double[] karras = r.list("");
        assertAllClose(karras, widen(dpm(sd15(), SchedulerKind.DPMPP_2M_KARRAS, 20).sigmas()), TOL, "DPM Karras 20");
        EulerScheduler e = euler(sd15("use_karras_sigmas", true), 20);
        assertAllClose(karras, widen(e.sigmas()), TOL, "Euler Karras on linspace");
        assertAllClose(r.list("Euler karras+linspace fractional timesteps:"), e.timesteps(), 1e-6,
                "Euler Karras fractional timesteps");
        assertAllClose(ref().list("DPM++2M Karras n=25:"),
                widen(dpm(sd15(), SchedulerKind.DPMPP_2M_KARRAS, 25).sigmas()), TOL, "DPM Karras 25");
    }

    @Test
    void eulerKarrasTakesItsRangeFromTheChosenTimesteps() {
        EulerScheduler e = euler(sd15("timestep_spacing", "leading", "use_karras_sigmas", true), 20);
        assertAllClose(ref().list("Euler karras + leading/offset1 n=20"), widen(e.sigmas()), TOL,
                "Euler Karras leading");
    }

    @Test
    void dpmLeadingSigmas() {
        assertAllClose(ref().list("DPM++2M leading n=20 sigmas:"),
                widen(dpm(sd15("timestep_spacing", "leading"), SchedulerKind.DPMPP_2M, 20).sigmas()), TOL,
                "DPM leading sigmas");
    }

    /** §2.10: k-diffusion's Karras (σmax from float64 alphas) is the same formula; its "normal" schedule is log-linear. */
    @Test
    void kDiffusionSchedulesAgreeWithinTheirStatedPrecision() {
        Reference r = ref().from("k-diffusion (ldm f64 alphas, σmax 14.614642)");
        Reference.Gapped k = r.gappedList("karras(20) =");
        float[] train = NoiseScheduleTest.sd().sigmas();
        double[] ours = Sigmas.karras(train[0], 14.61464214, 20);
        for (int i = 0; i < k.head().length; i++) {
            assertClose(k.head()[i], ours[i], TOL, "k-diffusion karras[" + i + "]");
        }
        assertClose(k.tail()[0], ours[19], TOL, "k-diffusion karras σmin");
        double[] normal = r.list("get_sigmas(20) (log-linear):");
        float[] diffusers = euler(sd15(), 20).sigmas();
        for (int i = 0; i < normal.length; i++) {
            assertEquals(normal[i], diffusers[i], 2e-5 * Math.max(normal[i], 1e-3), "normal vs linspace σ[" + i + "]");
        }
    }

    @Test
    void lcmBoundaryConditionScalings() {
        String line = ref().line("LCM boundary scalings:");
        LcmScheduler lcm = new LcmScheduler(SchedulerConfig.fromJson(Configs.lcm(), SchedulerKind.LCM), 4);
        int[] ts = {999, 259, 19};
        String[] parts = line.split(";");
        for (int i = 0; i < ts.length; i++) {
            double[] v = Reference.numbers(parts[i].substring(parts[i].indexOf(':') + 1));
            float[] s = lcm.boundaryScalings(ts[i]);
            assertEquals(v[0], s[0], Math.abs(v[0]) * 1e-4, "c_skip(" + ts[i] + ")");
            assertEquals(v[1], s[1], 1e-6, "c_out(" + ts[i] + ")");
        }
    }
}
