package dev.atelier.pipeline;

/** Receives every denoising step's state, on the generating thread; keep it quick. */
@FunctionalInterface
public interface StepListener {
    StepListener NONE = state -> { };

    void onStep(StepState state);

    /**
     * Whether {@link StepState#preview()} should be rendered for this listener; when {@code false}
     * the pipeline skips the latent→RGB render and hands out states with a {@code null} preview.
     * Defaults to {@code true} (the window shows every step's preview); text-only listeners say no.
     */
    default boolean wantsPreview() {
        return true;
    }
}
