package dev.atelier.pipeline;

/** The pipeline's stages, in the order they run. */
public enum Stage {
    ENCODE_PROMPT("encode prompt"),
    PREPARE_LATENTS("prepare latents"),
    DENOISE("denoise"),
    DECODE("decode");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
