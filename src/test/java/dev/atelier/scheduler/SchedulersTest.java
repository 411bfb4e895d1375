package dev.atelier.scheduler;

import org.junit.jupiter.api.Test;

import java.util.Map;

import static dev.atelier.scheduler.Configs.create;
import static dev.atelier.scheduler.Configs.sd15;
import static dev.atelier.scheduler.SchedulerFixtures.dummySampleDeter;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Schedulers#create} validation and the {@link Scheduler} contract's behaviour. */
class SchedulersTest {
    private static final NoiseSource NO_NOISE = n -> {
        throw new AssertionError("a deterministic scheduler drew noise");
    };

    @Test
    void createsTheClassForEachKind() {
        assertInstanceOf(DdimScheduler.class, create(SchedulerKind.DDIM, sd15(), 10));
        assertInstanceOf(EulerScheduler.class, create(SchedulerKind.EULER, sd15(), 10));
        assertInstanceOf(EulerAncestralScheduler.class, create(SchedulerKind.EULER_ANCESTRAL, sd15(), 10));
        assertInstanceOf(DpmSolverMultistepScheduler.class, create(SchedulerKind.DPMPP_2M, sd15(), 10));
        assertInstanceOf(DpmSolverMultistepScheduler.class, create(SchedulerKind.DPMPP_2M_KARRAS, sd15(), 10));
        assertInstanceOf(PndmScheduler.class, create(SchedulerKind.PNDM, sd15(), 10));
        assertInstanceOf(LcmScheduler.class, create(SchedulerKind.LCM, Configs.lcm(), 4));
        // the kind, not a stale flag in the config, decides Karras
        SchedulerConfig karrasConfig = SchedulerConfig.fromJson(sd15(), SchedulerKind.DPMPP_2M_KARRAS);
        assertArrayEquals(create(SchedulerKind.DPMPP_2M, sd15(), 20).timesteps(),
                Schedulers.create(SchedulerKind.DPMPP_2M, karrasConfig, 20).timesteps());
    }

    @Test
    void stepCountIsValidatedWithOneClearMessage() {
        for (SchedulerKind kind : SchedulerKind.values()) {
            Map<String, Object> json = kind == SchedulerKind.LCM ? Configs.lcm() : sd15();
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> create(kind, json, 0));
            assertEquals("Steps must be between 1 and 1000 (the model's num_train_timesteps), got 0.", e.getMessage(),
                    kind.cliName());
            assertThrows(IllegalArgumentException.class, () -> create(kind, json, 1001), kind.cliName());
        }
        IllegalArgumentException lcm = assertThrows(IllegalArgumentException.class,
                () -> create(SchedulerKind.LCM, Configs.lcm(), 51));
        assertEquals("LCM supports at most original_inference_steps = 50 steps, got 51.", lcm.getMessage());
        IllegalArgumentException offset = assertThrows(IllegalArgumentException.class,
                () -> create(SchedulerKind.DDIM, sd15(), 1000));
        assertTrue(offset.getMessage().startsWith("Timestep 1000 falls outside 0..999"), offset.getMessage());
        IllegalArgumentException prk = assertThrows(IllegalArgumentException.class,
                () -> create(SchedulerKind.PNDM, sd15("skip_prk_steps", false), 3));
        assertTrue(prk.getMessage().contains("at least 4 steps"), prk.getMessage());
    }

    @Test
    void unsupportedSettingsAreRejectedClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> create(SchedulerKind.EULER_ANCESTRAL, sd15("prediction_type", "sample"), 10));
        assertTrue(e.getMessage().contains("prediction_type \"sample\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> create(SchedulerKind.DDIM, sd15("thresholding", true), 10));
        assertTrue(e.getMessage().contains("\"thresholding\" = true"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> create(SchedulerKind.DPMPP_2M, sd15("algorithm_type", "sde-dpmsolver++"), 10));
        assertTrue(e.getMessage().contains("sde-dpmsolver++"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> create(SchedulerKind.EULER, sd15("interpolation_type", "log_linear"), 10));
        assertTrue(e.getMessage().contains("log_linear"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> Schedulers.create(SchedulerKind.DDIM, SchedulerConfig.defaults(SchedulerKind.DDIM), 10, -1));
        assertTrue(e.getMessage().contains("eta"), e.getMessage());
    }

    @Test
    void deterministicSchedulersNeverDrawNoise() {
        for (SchedulerKind kind : new SchedulerKind[] {SchedulerKind.DDIM, SchedulerKind.EULER,
                SchedulerKind.DPMPP_2M, SchedulerKind.DPMPP_2M_KARRAS, SchedulerKind.PNDM}) {
            float[] x = Loops.pipeline(create(kind, sd15(), 8), dummySampleDeter(), NO_NOISE);
            assertEquals(dummySampleDeter().length, x.length);
        }
        float[] oneStepLcm = Loops.pipeline(create(SchedulerKind.LCM, Configs.lcm(), 1), dummySampleDeter(), NO_NOISE);
        assertEquals(768, oneStepLcm.length, "LCM's last step adds no noise");
    }

    @Test
    void noisySchedulersNeedAGeneratorAndFollowItsSeed() {
        Scheduler ancestral = create(SchedulerKind.EULER_ANCESTRAL, sd15(), 4);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ancestral.step(new float[768], 0, new float[768], null));
        assertEquals("The euler-a scheduler needs a noise generator for this step.", e.getMessage());
        float[] a = Loops.pipeline(create(SchedulerKind.EULER_ANCESTRAL, sd15(), 4), dummySampleDeter(),
                new TorchGenerator(1));
        float[] b = Loops.pipeline(create(SchedulerKind.EULER_ANCESTRAL, sd15(), 4), dummySampleDeter(),
                new TorchGenerator(1));
        float[] c = Loops.pipeline(create(SchedulerKind.EULER_ANCESTRAL, sd15(), 4), dummySampleDeter(),
                new TorchGenerator(2));
        assertArrayEquals(a, b);
        assertNotEquals(a[0], c[0]);
        float[] eta = Loops.pipeline(Schedulers.create(SchedulerKind.DDIM,
                SchedulerConfig.fromJson(sd15(), SchedulerKind.DDIM), 4, 1.0), dummySampleDeter(), new TorchGenerator(3));
        float[] noEta = Loops.pipeline(create(SchedulerKind.DDIM, sd15(), 4), dummySampleDeter(), null);
        assertNotEquals(eta[0], noEta[0], "eta 1 adds generator noise");
    }

    @Test
    void multistepSchedulersRestartWhenStepZeroComesAgain() {
        for (SchedulerKind kind : new SchedulerKind[] {SchedulerKind.DPMPP_2M, SchedulerKind.PNDM}) {
            Scheduler s = create(kind, sd15(), 10);
            float[] first = Loops.pipeline(s, dummySampleDeter(), null);
            float[] again = Loops.pipeline(s, dummySampleDeter(), null);
            assertArrayEquals(first, again, kind.cliName() + " reused for a second run");
        }
    }

    @Test
    void inputsAreCheckedAndNotModified() {
        Scheduler s = create(SchedulerKind.EULER, sd15(), 10);
        float[] sample = dummySampleDeter();
        float[] scaled = s.scaleModelInput(sample, 0);
        assertArrayEquals(dummySampleDeter(), sample, "scaleModelInput returns a new array");
        assertTrue(scaled[767] < sample[767]);
        s.step(SchedulerFixtures.dummyModel(scaled, s.timesteps()[0]), 0, sample, null);
        assertArrayEquals(dummySampleDeter(), sample, "step leaves its input alone");
        assertThrows(IndexOutOfBoundsException.class, () -> s.step(sample, 10, sample, null));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> s.step(new float[3], 0, sample, null));
        assertTrue(e.getMessage().contains("differ in size"), e.getMessage());
        assertEquals(10, s.size());
        assertEquals(1f, create(SchedulerKind.DDIM, sd15(), 10).initNoiseSigma());
    }

    @Test
    void stepResultCarriesTheX0Estimate() {
        Scheduler s = create(SchedulerKind.DDIM, sd15(), 10);
        float[] x = dummySampleDeter();
        float[] zeroNoise = new float[x.length];
        // with ε = 0, x0 = x / sqrt(ᾱ_t)
        StepResult r = s.step(zeroNoise, 0, x, null);
        float alpha = NoiseScheduleTest.sd().alphaCumprod(901);
        assertEquals(x[767] / (float) Math.sqrt(alpha), r.predOriginal()[767], 1e-6);
        assertThrows(IllegalArgumentException.class, () -> new StepResult(null, x));
    }
}
