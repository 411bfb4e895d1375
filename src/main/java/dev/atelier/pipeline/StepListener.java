package dev.atelier.pipeline;

/** Receives every denoising step's state, on the generating thread; keep it quick. */
@FunctionalInterface
public interface StepListener {
    StepListener NONE = state -> { };

    void onStep(StepState state);
}
