package dev.atelier.scheduler;

/** How the training betas are built (diffusers `beta_schedule`). */
public enum BetaSchedule {
    LINEAR("linear"),
    SCALED_LINEAR("scaled_linear"),
    SQUAREDCOS_CAP_V2("squaredcos_cap_v2");

    private final String configName;

    BetaSchedule(String configName) {
        this.configName = configName;
    }

    /** The string diffusers writes in `scheduler_config.json`. */
    public String configName() {
        return configName;
    }

    /** Parses the config string (case-insensitive); unknown values get one message listing the valid ones. */
    public static BetaSchedule fromConfig(String value) {
        return ConfigNames.parse(BetaSchedule.class, "beta_schedule", value, BetaSchedule::configName);
    }
}
