package dev.atelier.scheduler;

/** What the UNet predicts (diffusers `prediction_type`). */
public enum PredictionType {
    EPSILON("epsilon"),
    V_PREDICTION("v_prediction"),
    SAMPLE("sample");

    private final String configName;

    PredictionType(String configName) {
        this.configName = configName;
    }

    /** The string diffusers writes in `scheduler_config.json`. */
    public String configName() {
        return configName;
    }

    /** Parses the config string (case-insensitive); unknown values get one message listing the valid ones. */
    public static PredictionType fromConfig(String value) {
        return ConfigNames.parse(PredictionType.class, "prediction_type", value, PredictionType::configName);
    }
}
