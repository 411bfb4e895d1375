package dev.atelier.scheduler;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.json.JsonMapper;

import dev.atelier.files.CheckedFiles;
import dev.atelier.files.FileRefusedException;
import dev.atelier.files.Quoting;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every {@code scheduler_config.json} key the supported schedulers read, named after the diffusers
 * keys. Build one with {@link #fromJson(Map, SchedulerKind)} (diffusers {@code from_config}
 * semantics) or {@link #defaults(SchedulerKind)}.
 *
 * @param trainedBetas explicit betas ({@code null} = build them from {@code betaSchedule})
 * @param sigmaMin     Euler Karras range override ({@code null} = from the schedule)
 * @param sigmaMax     Euler Karras range override ({@code null} = from the schedule)
 */
public record SchedulerConfig(
        int numTrainTimesteps, double betaStart, double betaEnd, BetaSchedule betaSchedule,
        List<Double> trainedBetas, PredictionType predictionType, TimestepSpacing timestepSpacing,
        int stepsOffset, boolean setAlphaToOne, boolean clipSample, double clipSampleRange,
        boolean thresholding, boolean skipPrkSteps, boolean useKarrasSigmas, FinalSigmasType finalSigmasType,
        boolean rescaleBetasZeroSnr, int originalInferenceSteps, double timestepScaling,
        String interpolationType, TimestepType timestepType, Double sigmaMin, Double sigmaMax,
        int solverOrder, String algorithmType, String solverType, boolean lowerOrderFinal,
        boolean eulerAtFinal, double lambdaMinClipped) {

    private static final JsonMapper JSON = JsonMapper.builder()
            .enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS) // diffusers writes -Infinity
            .build();

    /**
     * Largest {@code num_train_timesteps}: every model in use was trained with 1000, and the schedule
     * allocates arrays of this length.
     */
    public static final int MAX_TRAIN_TIMESTEPS = 100_000;

    public SchedulerConfig {
        require(numTrainTimesteps >= 2 && numTrainTimesteps <= MAX_TRAIN_TIMESTEPS,
                "num_train_timesteps must be from 2 to " + MAX_TRAIN_TIMESTEPS + ", got " + numTrainTimesteps);
        requireBeta("beta_start", betaStart);
        requireBeta("beta_end", betaEnd);
        require(betaSchedule != null && predictionType != null && timestepSpacing != null
                && finalSigmasType != null && timestepType != null, "enum settings must not be null");
        require(stepsOffset >= 0 && stepsOffset < numTrainTimesteps, "steps_offset must be from 0 to "
                + (numTrainTimesteps - 1) + " (below num_train_timesteps), got " + stepsOffset);
        require(clipSampleRange > 0 && Double.isFinite(clipSampleRange),
                "clip_sample_range must be a positive finite number, got " + clipSampleRange);
        require(originalInferenceSteps >= 1 && originalInferenceSteps <= MAX_TRAIN_TIMESTEPS,
                "original_inference_steps must be from 1 to " + MAX_TRAIN_TIMESTEPS + ", got " + originalInferenceSteps);
        require(timestepScaling > 0 && Double.isFinite(timestepScaling),
                "timestep_scaling must be a positive finite number, got " + timestepScaling);
        require(sigmaMin == null || (sigmaMin > 0 && Double.isFinite(sigmaMin)),
                "sigma_min must be a positive finite number or null, got " + sigmaMin);
        require(sigmaMax == null || (sigmaMax > 0 && Double.isFinite(sigmaMax)),
                "sigma_max must be a positive finite number or null, got " + sigmaMax);
        require(!Double.isNaN(lambdaMinClipped), "lambda_min_clipped must be a number or -Infinity, got NaN");
        require("linear".equals(interpolationType) || "log_linear".equals(interpolationType),
                "interpolation_type must be \"linear\" or \"log_linear\", got \"" + interpolationType + "\"");
        require(algorithmType != null && solverType != null, "algorithm_type and solver_type must be set");
        require(solverOrder >= 1 && solverOrder <= 3, "solver_order must be 1, 2 or 3, got " + solverOrder);
        if (trainedBetas != null) {
            trainedBetas = List.copyOf(trainedBetas);
            require(trainedBetas.size() == numTrainTimesteps, "trained_betas has " + trainedBetas.size()
                    + " values but num_train_timesteps is " + numTrainTimesteps);
            for (int i = 0; i < trainedBetas.size(); i++) {
                requireBeta("trained_betas[" + i + "]", trainedBetas.get(i));
            }
        }
    }

    /** The class defaults of {@code kind}, as {@code kind.from_config({})} would give. */
    public static SchedulerConfig defaults(SchedulerKind kind) {
        return fromJson(Map.of(), kind);
    }

    /**
     * diffusers {@code target.from_config(json)}: keys {@code target}'s class accepts are taken from
     * {@code json}, missing ones get that class's own defaults, other keys are ignored. A
     * {@code null} value counts as missing. {@link SchedulerKind#DPMPP_2M_KARRAS} forces
     * {@code use_karras_sigmas} on and {@link SchedulerKind#DPMPP_2M} forces it off.
     *
     * @throws IllegalArgumentException naming the key for a wrong or unsupported value
     */
    public static SchedulerConfig fromJson(Map<String, Object> json, SchedulerKind target) {
        Map<String, Object> accepted = SchedulerDefaults.of(target);
        Map<String, Object> merged = new HashMap<>(SchedulerDefaults.NEUTRAL);
        merged.putAll(accepted);
        json.forEach((key, value) -> {
            if (value != null && accepted.containsKey(key)) {
                merged.put(key, value);
            }
        });
        for (String flag : SchedulerDefaults.UNSUPPORTED_FLAGS) {
            if (Boolean.TRUE.equals(merged.get(flag))) {
                throw new IllegalArgumentException("Scheduler config key \"" + flag
                        + "\" = true is not supported by Atelier's " + target.cliName() + " scheduler.");
            }
        }
        if (target == SchedulerKind.DPMPP_2M || target == SchedulerKind.DPMPP_2M_KARRAS) {
            merged.put("use_karras_sigmas", target == SchedulerKind.DPMPP_2M_KARRAS);
        }
        return build(new ConfigValues(merged));
    }

    /**
     * Reads {@code file} (a diffusers {@code scheduler_config.json}) and applies
     * {@link #fromJson(Map, SchedulerKind)}; {@code target == null} means the file's own class
     * ({@link SchedulerKind#fallback()} when Atelier does not port it).
     *
     * @throws SchedulerConfigException naming the file when it is unreadable, not JSON or holds a bad value
     */
    public static SchedulerConfig fromFile(Path file, SchedulerKind target) {
        Map<String, Object> json = readJson(file);
        SchedulerKind kind = target != null ? target
                : SchedulerKind.fromDiffusersConfig(json).orElse(SchedulerKind.fallback());
        try {
            return fromJson(json, kind);
        } catch (IllegalArgumentException e) {
            throw new SchedulerConfigException(file + ": " + e.getMessage(), e);
        }
    }

    /** Parses a JSON object file into a map, with an error naming the file (and line) on failure. */
    public static Map<String, Object> readJson(Path file) {
        byte[] bytes;
        try {
            // a FIFO or a 10 GB file must be refused before reading: neither is a config
            bytes = CheckedFiles.readAll(file, CheckedFiles.regularFile(file, CheckedFiles.MAX_CONFIG_BYTES),
                    CheckedFiles.MAX_CONFIG_BYTES);
        } catch (FileRefusedException e) {
            throw new SchedulerConfigException("Cannot read scheduler config " + file + ": " + e.reason(), e);
        }
        try {
            Map<String, Object> map = JSON.readValue(bytes, new TypeReference<>() { });
            if (map == null) {
                throw new SchedulerConfigException(file + ": expected a JSON object, found null", null);
            }
            return map;
        } catch (JacksonException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            throw new SchedulerConfigException("Invalid JSON in scheduler config " + file + where
                    + ": " + Quoting.truncate(e.getOriginalMessage()), e);
        } catch (IOException e) {
            throw new SchedulerConfigException("Cannot read scheduler config " + file + ": "
                    + Quoting.truncate(e.toString()), e);
        }
    }

    /** This config with another {@code timestep_spacing} (the CLI override). */
    public SchedulerConfig withTimestepSpacing(TimestepSpacing spacing) {
        return new SchedulerConfig(numTrainTimesteps, betaStart, betaEnd, betaSchedule, trainedBetas,
                predictionType, spacing, stepsOffset, setAlphaToOne, clipSample, clipSampleRange,
                thresholding, skipPrkSteps, useKarrasSigmas, finalSigmasType, rescaleBetasZeroSnr,
                originalInferenceSteps, timestepScaling, interpolationType, timestepType, sigmaMin, sigmaMax,
                solverOrder, algorithmType, solverType, lowerOrderFinal, eulerAtFinal, lambdaMinClipped);
    }

    /** This config with another {@code prediction_type} (e.g. a v-prediction model detected from its folder). */
    public SchedulerConfig withPredictionType(PredictionType type) {
        return new SchedulerConfig(numTrainTimesteps, betaStart, betaEnd, betaSchedule, trainedBetas,
                type, timestepSpacing, stepsOffset, setAlphaToOne, clipSample, clipSampleRange,
                thresholding, skipPrkSteps, useKarrasSigmas, finalSigmasType, rescaleBetasZeroSnr,
                originalInferenceSteps, timestepScaling, interpolationType, timestepType, sigmaMin, sigmaMax,
                solverOrder, algorithmType, solverType, lowerOrderFinal, eulerAtFinal, lambdaMinClipped);
    }

    /** This config with {@code use_karras_sigmas} set (the DPM++ 2M kinds decide it). */
    public SchedulerConfig withUseKarrasSigmas(boolean karras) {
        return new SchedulerConfig(numTrainTimesteps, betaStart, betaEnd, betaSchedule, trainedBetas,
                predictionType, timestepSpacing, stepsOffset, setAlphaToOne, clipSample, clipSampleRange,
                thresholding, skipPrkSteps, karras, finalSigmasType, rescaleBetasZeroSnr,
                originalInferenceSteps, timestepScaling, interpolationType, timestepType, sigmaMin, sigmaMax,
                solverOrder, algorithmType, solverType, lowerOrderFinal, eulerAtFinal, lambdaMinClipped);
    }

    private static SchedulerConfig build(ConfigValues v) {
        return new SchedulerConfig(
                v.integer("num_train_timesteps"), v.number("beta_start"), v.number("beta_end"),
                BetaSchedule.fromConfig(v.string("beta_schedule")), v.optionalNumbers("trained_betas"),
                PredictionType.fromConfig(v.string("prediction_type")),
                TimestepSpacing.fromConfig(v.string("timestep_spacing")), v.integer("steps_offset"),
                v.bool("set_alpha_to_one"), v.bool("clip_sample"), v.number("clip_sample_range"),
                v.bool("thresholding"), v.bool("skip_prk_steps"), v.bool("use_karras_sigmas"),
                FinalSigmasType.fromConfig(v.string("final_sigmas_type")), v.bool("rescale_betas_zero_snr"),
                v.integer("original_inference_steps"), v.number("timestep_scaling"),
                v.string("interpolation_type"), TimestepType.fromConfig(v.string("timestep_type")),
                v.optionalNumber("sigma_min"), v.optionalNumber("sigma_max"), v.integer("solver_order"),
                v.string("algorithm_type"), v.string("solver_type"), v.bool("lower_order_final"),
                v.bool("euler_at_final"), v.number("lambda_min_clipped"));
    }

    /** A beta is a per-step noise variance: 0 <= beta < 1 (at 1 the signal is gone and sigma infinite). */
    private static void requireBeta(String key, double beta) {
        require(beta >= 0 && beta < 1, key + " must be a number from 0 up to (not including) 1, got " + beta);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException("Invalid scheduler config: " + message + ".");
        }
    }
}
