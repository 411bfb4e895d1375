package dev.atelier.scheduler;

import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Each diffusers class's own {@code __init__} defaults (diffusers 0.3x): the keys a class accepts
 * and the value a missing key takes in {@code from_config}. Keys a class does not accept are
 * ignored there and take {@link #NEUTRAL} values here, which that scheduler never reads.
 */
final class SchedulerDefaults {
    private SchedulerDefaults() {
    }

    /** Values for keys a class does not have (never read by that class). */
    static final Map<String, Object> NEUTRAL = map(
            "num_train_timesteps", 1000, "beta_start", 0.0001, "beta_end", 0.02, "beta_schedule", "linear",
            "trained_betas", null, "prediction_type", "epsilon", "timestep_spacing", "leading",
            "steps_offset", 0, "set_alpha_to_one", false, "clip_sample", false, "clip_sample_range", 1.0,
            "thresholding", false, "skip_prk_steps", false, "use_karras_sigmas", false,
            "final_sigmas_type", "zero", "rescale_betas_zero_snr", false, "original_inference_steps", 50,
            "timestep_scaling", 10.0, "interpolation_type", "linear", "timestep_type", "discrete",
            "sigma_min", null, "sigma_max", null, "solver_order", 2, "algorithm_type", "dpmsolver++",
            "solver_type", "midpoint", "lower_order_final", true, "euler_at_final", false,
            "lambda_min_clipped", Double.NEGATIVE_INFINITY);

    /** Flags some classes accept that Atelier does not implement; {@code true} is rejected clearly. */
    static final Set<String> UNSUPPORTED_FLAGS = Set.of(
            "use_exponential_sigmas", "use_beta_sigmas", "use_lu_lambdas", "use_flow_sigmas");

    private static final Map<String, Object> COMMON = map(
            "num_train_timesteps", 1000, "beta_start", 0.0001, "beta_end", 0.02, "beta_schedule", "linear",
            "trained_betas", null, "prediction_type", "epsilon", "steps_offset", 0);

    private static final Map<String, Object> DDIM = with(COMMON,
            "clip_sample", true, "set_alpha_to_one", true, "thresholding", false,
            "dynamic_thresholding_ratio", 0.995, "clip_sample_range", 1.0, "sample_max_value", 1.0,
            "timestep_spacing", "leading", "rescale_betas_zero_snr", false);

    private static final Map<String, Object> PNDM = with(COMMON,
            "skip_prk_steps", false, "set_alpha_to_one", false, "timestep_spacing", "leading");

    private static final Map<String, Object> EULER = with(COMMON,
            "interpolation_type", "linear", "use_karras_sigmas", false, "use_exponential_sigmas", false,
            "use_beta_sigmas", false, "sigma_min", null, "sigma_max", null, "timestep_spacing", "linspace",
            "timestep_type", "discrete", "rescale_betas_zero_snr", false, "final_sigmas_type", "zero");

    private static final Map<String, Object> EULER_ANCESTRAL = with(COMMON,
            "timestep_spacing", "linspace", "rescale_betas_zero_snr", false);

    private static final Map<String, Object> DPM = with(COMMON,
            "solver_order", 2, "thresholding", false, "dynamic_thresholding_ratio", 0.995,
            "sample_max_value", 1.0, "algorithm_type", "dpmsolver++", "solver_type", "midpoint",
            "lower_order_final", true, "euler_at_final", false, "use_karras_sigmas", false,
            "use_exponential_sigmas", false, "use_beta_sigmas", false, "use_lu_lambdas", false,
            "use_flow_sigmas", false, "final_sigmas_type", "zero", "lambda_min_clipped", Double.NEGATIVE_INFINITY,
            "variance_type", null, "timestep_spacing", "linspace", "rescale_betas_zero_snr", false);

    private static final Map<String, Object> LCM = with(COMMON,
            "beta_start", 0.00085, "beta_end", 0.012, "beta_schedule", "scaled_linear",
            "original_inference_steps", 50, "clip_sample", false, "clip_sample_range", 1.0,
            "set_alpha_to_one", true, "thresholding", false, "dynamic_thresholding_ratio", 0.995,
            "sample_max_value", 1.0, "timestep_spacing", "leading", "timestep_scaling", 10.0,
            "rescale_betas_zero_snr", false);

    /** The keys {@code kind}'s class accepts, with its defaults. */
    static Map<String, Object> of(SchedulerKind kind) {
        return switch (kind) {
            case DDIM -> DDIM;
            case PNDM -> PNDM;
            case EULER -> EULER;
            case EULER_ANCESTRAL -> EULER_ANCESTRAL;
            case DPMPP_2M, DPMPP_2M_KARRAS -> DPM;
            case LCM -> LCM;
        };
    }

    private static Map<String, Object> map(Object... keyValues) {
        return with(Map.of(), keyValues);
    }

    private static Map<String, Object> with(Map<String, Object> base, Object... keyValues) {
        Map<String, Object> m = new HashMap<>(base);
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return Collections.unmodifiableMap(m);
    }
}
