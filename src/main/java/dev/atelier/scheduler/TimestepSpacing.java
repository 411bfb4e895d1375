package dev.atelier.scheduler;

/** How inference timesteps are picked from the training range (diffusers `timestep_spacing`). */
public enum TimestepSpacing {
    LEADING("leading"),
    TRAILING("trailing"),
    LINSPACE("linspace");

    private final String configName;

    TimestepSpacing(String configName) {
        this.configName = configName;
    }

    /** The string diffusers writes in `scheduler_config.json`. */
    public String configName() {
        return configName;
    }

    /** Parses the config string (case-insensitive); unknown values get one message listing the valid ones. */
    public static TimestepSpacing fromConfig(String value) {
        return ConfigNames.parse(TimestepSpacing.class, "timestep_spacing", value, TimestepSpacing::configName);
    }
}
