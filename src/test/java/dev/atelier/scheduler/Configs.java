package dev.atelier.scheduler;

import java.util.HashMap;
import java.util.Map;

/** The published scheduler configs of SCHEDULERS.md §1.1, as JSON maps, plus the upstream-test ones. */
final class Configs {
    private Configs() {
    }

    /** runwayml/stable-diffusion-v1-5 {@code scheduler_config.json} (PNDMScheduler). */
    static Map<String, Object> sd15() {
        Map<String, Object> m = new HashMap<>();
        m.put("_class_name", "PNDMScheduler");
        m.put("_diffusers_version", "0.6.0");
        m.put("beta_start", 0.00085);
        m.put("beta_end", 0.012);
        m.put("beta_schedule", "scaled_linear");
        m.put("num_train_timesteps", 1000);
        m.put("set_alpha_to_one", false);
        m.put("skip_prk_steps", true);
        m.put("steps_offset", 1);
        m.put("trained_betas", null);
        m.put("clip_sample", false);
        return m;
    }

    /** SD 1.5 file with extra keys (e.g. {@code timestep_spacing}) set. */
    static Map<String, Object> sd15(Object... keyValues) {
        Map<String, Object> m = sd15();
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    /** stabilityai/stable-diffusion-xl-base-1.0 (EulerDiscreteScheduler, leading, offset 1). */
    static Map<String, Object> sdxl() {
        Map<String, Object> m = sd15("_class_name", "EulerDiscreteScheduler", "timestep_spacing", "leading",
                "interpolation_type", "linear", "use_karras_sigmas", false, "sample_max_value", 1.0,
                "prediction_type", "epsilon");
        return m;
    }

    /** SimianLuo/LCM_Dreamshaper_v7 (LCMScheduler). */
    static Map<String, Object> lcm() {
        return new HashMap<>(Map.of("_class_name", "LCMScheduler", "beta_start", 0.00085, "beta_end", 0.012,
                "beta_schedule", "scaled_linear", "num_train_timesteps", 1000, "original_inference_steps", 50,
                "set_alpha_to_one", true, "steps_offset", 0, "timestep_spacing", "leading", "clip_sample", false));
    }

    /** The upstream tests' {@code get_scheduler_config()}: linear 0.0001 → 0.02, plus overrides. */
    static Map<String, Object> upstream(int trainSteps, Object... keyValues) {
        Map<String, Object> m = new HashMap<>(Map.of("num_train_timesteps", trainSteps, "beta_start", 0.0001,
                "beta_end", 0.02, "beta_schedule", "linear"));
        for (int i = 0; i < keyValues.length; i += 2) {
            m.put((String) keyValues[i], keyValues[i + 1]);
        }
        return m;
    }

    static Scheduler create(SchedulerKind kind, Map<String, Object> json, int steps) {
        return Schedulers.create(kind, SchedulerConfig.fromJson(json, kind), steps);
    }
}
