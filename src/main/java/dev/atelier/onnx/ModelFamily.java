package dev.atelier.onnx;

/** The model lineages Atelier knows how to condition and sample. */
public enum ModelFamily {
    SD1("SD 1.x", false, false),
    SD2("SD 2.x", false, false),
    SDXL("SDXL", true, false),
    SD_TURBO("SD-Turbo", false, true),
    SDXL_TURBO("SDXL-Turbo", true, true),
    LCM("LCM", false, true);

    private final String label;
    private final boolean xl;
    private final boolean distilled;

    ModelFamily(String label, boolean xl, boolean distilled) {
        this.label = label;
        this.xl = xl;
        this.distilled = distilled;
    }

    public String label() {
        return label;
    }

    /** SDXL lineage: two text encoders, pooled embeds and time ids. */
    public boolean isXl() {
        return xl;
    }

    /** Guidance-distilled (Turbo, LCM): the unconditional pass is never run. */
    public boolean isDistilled() {
        return distilled;
    }

    /** The VAE scaling factor of this lineage, used when the VAE config does not say. */
    public float defaultScalingFactor() {
        return xl ? 0.13025f : 0.18215f;
    }
}
