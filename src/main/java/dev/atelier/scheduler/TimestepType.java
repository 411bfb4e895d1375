package dev.atelier.scheduler;

/** Euler `timestep_type`: discrete timesteps, or continuous 0.25·ln σ (used only with v-prediction). */
public enum TimestepType {
    DISCRETE("discrete"),
    CONTINUOUS("continuous");

    private final String configName;

    TimestepType(String configName) {
        this.configName = configName;
    }

    /** The string diffusers writes in `scheduler_config.json`. */
    public String configName() {
        return configName;
    }

    /** Parses the config string (case-insensitive); unknown values get one message listing the valid ones. */
    public static TimestepType fromConfig(String value) {
        return ConfigNames.parse(TimestepType.class, "timestep_type", value, TimestepType::configName);
    }
}
