package dev.atelier.ui;

import dev.atelier.pipeline.CancelFlag;

import java.util.concurrent.CancellationException;
import java.util.function.Consumer;

/** What the window needs from the engine; the real one adapts {@code pipeline.DiffusionPipeline}. */
public interface GenerationService extends AutoCloseable {

    /**
     * Runs one generation on the calling thread, handing every step to {@code onStep} as it completes.
     *
     * @throws CancellationException when {@code cancel} was set; the run stops within one step
     * @throws RuntimeException      with a user-readable message for bad models or settings
     */
    GenerationOutcome generate(GenerationJob job, Consumer<StepFrame> onStep, CancelFlag cancel);

    /** Frees cached sessions; called once when the window closes. */
    @Override
    void close();
}
