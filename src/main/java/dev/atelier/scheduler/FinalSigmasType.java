package dev.atelier.scheduler;

/** The sigma appended after the last step (Euler, DPM-Solver `final_sigmas_type`). */
public enum FinalSigmasType {
    ZERO("zero"),
    SIGMA_MIN("sigma_min");

    private final String configName;

    FinalSigmasType(String configName) {
        this.configName = configName;
    }

    /** The string diffusers writes in `scheduler_config.json`. */
    public String configName() {
        return configName;
    }

    /** Parses the config string (case-insensitive); unknown values get one message listing the valid ones. */
    public static FinalSigmasType fromConfig(String value) {
        return ConfigNames.parse(FinalSigmasType.class, "final_sigmas_type", value, FinalSigmasType::configName);
    }
}
