package dev.atelier.pipeline;

import java.util.Optional;

/** Thrown by {@link DiffusionPipeline#generate} when its {@link CancelFlag} was set. */
public final class GenerationCancelledException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient StepState lastState;

    public GenerationCancelledException(StepState lastState) {
        super(lastState == null ? "generation cancelled before the first step"
                : "generation cancelled after step " + (lastState.index() + 1) + " of " + lastState.total());
        this.lastState = lastState;
    }

    /** The last completed step, empty when cancelled before any step ran. */
    public Optional<StepState> lastState() {
        return Optional.ofNullable(lastState);
    }
}
