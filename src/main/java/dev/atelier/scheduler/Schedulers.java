package dev.atelier.scheduler;

/** Builds a {@link Scheduler} of a kind from a config and a step count. */
public final class Schedulers {
    private Schedulers() {
    }

    /** Same as {@link #create(SchedulerKind, SchedulerConfig, int, double)} with DDIM eta 0. */
    public static Scheduler create(SchedulerKind kind, SchedulerConfig config, int steps) {
        return create(kind, config, steps, 0.0);
    }

    /**
     * @param config a config meant for {@code kind} (from {@link SchedulerConfig#fromJson} with that
     *               target); the DPM++ kinds override its {@code use_karras_sigmas} to match
     * @param steps  inference steps, 1..num_train_timesteps (LCM: ..original_inference_steps)
     * @param ddimEta DDIM's eta (ignored by the other kinds)
     * @throws IllegalArgumentException with one clear message for a bad step count or unsupported setting
     */
    public static Scheduler create(SchedulerKind kind, SchedulerConfig config, int steps, double ddimEta) {
        if (kind == null || config == null) {
            throw new IllegalArgumentException("Scheduler kind and config are required.");
        }
        return switch (kind) {
            case DDIM -> new DdimScheduler(config, steps, ddimEta);
            case EULER -> new EulerScheduler(config, steps);
            case EULER_ANCESTRAL -> new EulerAncestralScheduler(config, steps);
            case DPMPP_2M -> new DpmSolverMultistepScheduler(config.withUseKarrasSigmas(false), steps);
            case DPMPP_2M_KARRAS -> new DpmSolverMultistepScheduler(config.withUseKarrasSigmas(true), steps);
            case PNDM -> new PndmScheduler(config, steps);
            case LCM -> new LcmScheduler(config, steps);
        };
    }
}
