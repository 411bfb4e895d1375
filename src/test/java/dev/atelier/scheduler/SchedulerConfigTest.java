package dev.atelier.scheduler;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

import static dev.atelier.scheduler.Configs.sd15;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link SchedulerConfig#fromJson} follows diffusers {@code from_config}: file keys kept, missing ones from the target class. */
class SchedulerConfigTest {

    @Test
    void sd15FileIntoEulerKeepsBetasAndTakesEulersOwnSpacing() {
        SchedulerConfig c = SchedulerConfig.fromJson(sd15(), SchedulerKind.EULER);
        assertEquals(0.00085, c.betaStart());
        assertEquals(0.012, c.betaEnd());
        assertEquals(BetaSchedule.SCALED_LINEAR, c.betaSchedule());
        assertEquals(1, c.stepsOffset(), "present key kept");
        assertEquals(TimestepSpacing.LINSPACE, c.timestepSpacing(), "missing key: Euler's default, not PNDM's");
        assertEquals(PredictionType.EPSILON, c.predictionType());
        assertEquals(FinalSigmasType.ZERO, c.finalSigmasType());
        assertFalse(c.useKarrasSigmas());
        assertEquals(TimestepType.DISCRETE, c.timestepType());
    }

    @Test
    void sd15FileIntoDdimAndLcmKeepsItsAlphaAndClipSettings() {
        SchedulerConfig ddim = SchedulerConfig.fromJson(sd15(), SchedulerKind.DDIM);
        assertFalse(ddim.clipSample(), "file's clip_sample false kept");
        assertFalse(ddim.setAlphaToOne(), "file's set_alpha_to_one false kept");
        assertEquals(TimestepSpacing.LEADING, ddim.timestepSpacing());
        SchedulerConfig lcm = SchedulerConfig.fromJson(sd15(), SchedulerKind.LCM);
        assertFalse(lcm.setAlphaToOne(), "LCM accepts set_alpha_to_one, so the file's value wins");
        assertEquals(50, lcm.originalInferenceSteps());
        assertEquals(10.0, lcm.timestepScaling());
    }

    @Test
    void emptyConfigGivesEachClassItsOwnDefaults() {
        SchedulerConfig ddim = SchedulerConfig.defaults(SchedulerKind.DDIM);
        assertTrue(ddim.clipSample());
        assertTrue(ddim.setAlphaToOne());
        assertEquals(BetaSchedule.LINEAR, ddim.betaSchedule());
        assertEquals(0.0001, ddim.betaStart());
        assertEquals(0.02, ddim.betaEnd());
        assertEquals(0, ddim.stepsOffset());
        assertEquals(TimestepSpacing.LEADING, ddim.timestepSpacing());

        SchedulerConfig pndm = SchedulerConfig.defaults(SchedulerKind.PNDM);
        assertFalse(pndm.setAlphaToOne());
        assertFalse(pndm.skipPrkSteps());
        assertEquals(TimestepSpacing.LEADING, pndm.timestepSpacing());

        SchedulerConfig lcm = SchedulerConfig.defaults(SchedulerKind.LCM);
        assertEquals(BetaSchedule.SCALED_LINEAR, lcm.betaSchedule());
        assertEquals(0.00085, lcm.betaStart());
        assertTrue(lcm.setAlphaToOne());
        assertFalse(lcm.clipSample());

        for (SchedulerKind k : new SchedulerKind[] {SchedulerKind.EULER, SchedulerKind.EULER_ANCESTRAL,
                SchedulerKind.DPMPP_2M}) {
            assertEquals(TimestepSpacing.LINSPACE, SchedulerConfig.defaults(k).timestepSpacing(), k.cliName());
        }
        SchedulerConfig dpm = SchedulerConfig.defaults(SchedulerKind.DPMPP_2M);
        assertEquals(2, dpm.solverOrder());
        assertTrue(dpm.lowerOrderFinal());
        assertEquals("dpmsolver++", dpm.algorithmType());
        assertEquals("midpoint", dpm.solverType());
        assertEquals(Double.NEGATIVE_INFINITY, dpm.lambdaMinClipped());
    }

    @Test
    void keysTheTargetClassLacksAreIgnored() {
        Map<String, Object> ddimFile = sd15("_class_name", "DDIMScheduler", "rescale_betas_zero_snr", true);
        assertTrue(SchedulerConfig.fromJson(ddimFile, SchedulerKind.DDIM).rescaleBetasZeroSnr());
        assertFalse(SchedulerConfig.fromJson(ddimFile, SchedulerKind.PNDM).rescaleBetasZeroSnr(),
                "PNDMScheduler has no rescale_betas_zero_snr");
        Map<String, Object> eulerKarras = sd15("use_karras_sigmas", true, "final_sigmas_type", "sigma_min");
        SchedulerConfig ancestral = SchedulerConfig.fromJson(eulerKarras, SchedulerKind.EULER_ANCESTRAL);
        assertFalse(ancestral.useKarrasSigmas());
        assertEquals(FinalSigmasType.ZERO, ancestral.finalSigmasType());
        assertFalse(SchedulerConfig.fromJson(sd15(), SchedulerKind.EULER).skipPrkSteps());
    }

    @Test
    void dpmKindsDecideKarras() {
        Map<String, Object> json = sd15("use_karras_sigmas", true);
        assertFalse(SchedulerConfig.fromJson(json, SchedulerKind.DPMPP_2M).useKarrasSigmas());
        assertTrue(SchedulerConfig.fromJson(sd15(), SchedulerKind.DPMPP_2M_KARRAS).useKarrasSigmas());
        assertTrue(SchedulerConfig.fromJson(json, SchedulerKind.EULER).useKarrasSigmas(), "Euler's own key kept");
    }

    @Test
    void nullValuesCountAsMissing() {
        Map<String, Object> json = sd15("timestep_spacing", null, "sigma_min", null);
        SchedulerConfig c = SchedulerConfig.fromJson(json, SchedulerKind.EULER);
        assertEquals(TimestepSpacing.LINSPACE, c.timestepSpacing());
        assertNull(c.sigmaMin());
        assertNull(c.trainedBetas());
    }

    @Test
    void wrongValuesNameTheKeyAndWhatWasExpected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchedulerConfig.fromJson(sd15("steps_offset", "one"), SchedulerKind.DDIM));
        assertEquals("Scheduler config key \"steps_offset\" must be an integer, got \"one\".", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SchedulerConfig.fromJson(sd15("timestep_spacing", "middle"), SchedulerKind.DDIM));
        assertEquals("Unknown timestep_spacing \"middle\"; expected one of \"leading\", \"trailing\", \"linspace\".",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SchedulerConfig.fromJson(sd15("prediction_type", "flow"), SchedulerKind.EULER));
        assertTrue(e.getMessage().contains("\"epsilon\", \"v_prediction\", \"sample\""), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SchedulerConfig.fromJson(sd15("use_lu_lambdas", true), SchedulerKind.DPMPP_2M));
        assertTrue(e.getMessage().contains("use_lu_lambdas"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> SchedulerConfig.fromJson(
                sd15("num_train_timesteps", 3, "trained_betas", new double[] {0.1, 0.2}), SchedulerKind.DDIM));
        assertTrue(e.getMessage().contains("trained_betas has 2 values"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> SchedulerConfig.fromJson(sd15("clip_sample", "no"), SchedulerKind.DDIM));
        assertTrue(e.getMessage().contains("\"clip_sample\" must be true or false"), e.getMessage());
    }

    @Test
    void timestepSpacingOverrideReplacesOnlyTheSpacing() {
        SchedulerConfig c = SchedulerConfig.fromJson(sd15(), SchedulerKind.EULER);
        SchedulerConfig trailing = c.withTimestepSpacing(TimestepSpacing.TRAILING);
        assertEquals(TimestepSpacing.TRAILING, trailing.timestepSpacing());
        assertEquals(c.withTimestepSpacing(TimestepSpacing.LINSPACE), c, "records compare by value");
        assertEquals(PredictionType.V_PREDICTION,
                c.withPredictionType(PredictionType.V_PREDICTION).predictionType());
        assertArrayEquals(new double[] {999, 749, 499, 249},
                Schedulers.create(SchedulerKind.EULER, trailing, 4).timesteps());
    }

    @Test
    void readsARealConfigFileIncludingPythonInfinity(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("scheduler_config.json");
        Files.writeString(file, """
                {"_class_name": "DPMSolverMultistepScheduler", "_diffusers_version": "0.21.0",
                 "beta_end": 0.012, "beta_schedule": "scaled_linear", "beta_start": 0.00085,
                 "lambda_min_clipped": -Infinity, "use_karras_sigmas": true, "steps_offset": 1,
                 "timestep_spacing": "leading", "trained_betas": null, "variance_type": null}
                """);
        assertEquals(SchedulerKind.DPMPP_2M_KARRAS,
                SchedulerKind.fromDiffusersConfig(SchedulerConfig.readJson(file)).orElseThrow());
        SchedulerConfig own = SchedulerConfig.fromFile(file, null);
        assertTrue(own.useKarrasSigmas());
        assertEquals(Double.NEGATIVE_INFINITY, own.lambdaMinClipped());
        SchedulerConfig asEuler = SchedulerConfig.fromFile(file, SchedulerKind.EULER);
        assertEquals(TimestepSpacing.LEADING, asEuler.timestepSpacing());
        assertEquals(BetaSchedule.SCALED_LINEAR, asEuler.betaSchedule());
    }

    @Test
    void unknownClassFallsBackToEuler(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("scheduler_config.json");
        Files.writeString(file, "{\"_class_name\": \"LMSDiscreteScheduler\", \"beta_schedule\": \"scaled_linear\"}");
        SchedulerConfig c = SchedulerConfig.fromFile(file, null);
        assertEquals(TimestepSpacing.LINSPACE, c.timestepSpacing(), "Euler defaults");
        assertEquals(BetaSchedule.SCALED_LINEAR, c.betaSchedule());
    }

    @Test
    void badFilesGiveOneMessageNamingTheFile(@TempDir Path dir) throws IOException {
        Path broken = dir.resolve("scheduler_config.json");
        Files.writeString(broken, "{\n \"beta_start\": 0.00085,\n \"beta_end\": }\n");
        SchedulerConfigException e = assertThrows(SchedulerConfigException.class,
                () -> SchedulerConfig.fromFile(broken, SchedulerKind.EULER));
        assertTrue(e.getMessage().startsWith("Invalid JSON in scheduler config " + broken + " at line 3"),
                e.getMessage());
        Path missing = dir.resolve("nope.json");
        e = assertThrows(SchedulerConfigException.class, () -> SchedulerConfig.fromFile(missing, SchedulerKind.DDIM));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        Path wrongValue = dir.resolve("bad_value.json");
        Files.writeString(wrongValue, "{\"timestep_spacing\": \"sideways\"}");
        e = assertThrows(SchedulerConfigException.class, () -> SchedulerConfig.fromFile(wrongValue, SchedulerKind.DDIM));
        assertTrue(e.getMessage().startsWith(wrongValue + ": Unknown timestep_spacing \"sideways\""), e.getMessage());
    }

    @Test
    void enumsParseConfigStrings() {
        assertEquals(TimestepSpacing.TRAILING, TimestepSpacing.fromConfig("Trailing"));
        assertEquals(PredictionType.V_PREDICTION, PredictionType.fromConfig("v_prediction"));
        assertEquals(BetaSchedule.SQUAREDCOS_CAP_V2, BetaSchedule.fromConfig("squaredcos_cap_v2"));
        assertEquals("linspace", TimestepSpacing.LINSPACE.configName());
        assertThrows(IllegalArgumentException.class, () -> PredictionType.fromConfig(null));
        Map<String, Object> json = new HashMap<>(sd15());
        json.put("beta_schedule", "cubic");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> SchedulerConfig.fromJson(json, SchedulerKind.DDIM));
        assertTrue(e.getMessage().startsWith("Unknown beta_schedule \"cubic\""), e.getMessage());
    }
}
