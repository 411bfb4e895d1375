package dev.atelier.ui.controls;

/** The typed generation controls the window checks against the model's limits. */
public enum ControlInput {
    STEPS("steps"),
    GUIDANCE("guidance"),
    SEED("seed"),
    WIDTH("width"),
    HEIGHT("height"),
    /** The memory budget ("6G"; empty = the default share of the RAM), checked against the size. */
    MEMORY_BUDGET("memory-budget");

    private final String label;

    ControlInput(String label) {
        this.label = label;
    }

    /** The name used in messages and as the control's CSS id. */
    public String label() {
        return label;
    }
}
