package dev.atelier.ui;

import dev.atelier.image.PixelImage;
import dev.atelier.pipeline.CancelFlag;

import java.util.concurrent.CancellationException;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * A test double of the engine for controller tests (the window tests use the real model): it emits
 * one frame per step, honours the cancel flag before every step as the pipeline does, and can be
 * made to wait before each step so a test can act mid-run.
 */
final class ScriptedService implements GenerationService {
    final Semaphore stepPermits;
    volatile RuntimeException failure;
    volatile boolean closed;

    /** @param gated when true each step waits for a permit from {@link #allow(int)} */
    ScriptedService(boolean gated) {
        this.stepPermits = gated ? new Semaphore(0) : null;
    }

    void allow(int steps) {
        stepPermits.release(steps);
    }

    static PixelImage solid(int w, int h, int value) {
        byte[] rgb = new byte[w * h * 3];
        java.util.Arrays.fill(rgb, (byte) value);
        return new PixelImage(w, h, rgb);
    }

    @Override
    public GenerationOutcome generate(GenerationJob job, Consumer<StepFrame> onStep, CancelFlag cancel) {
        for (int i = 0; i < job.steps(); i++) {
            if (stepPermits != null) {
                stepPermits.acquireUninterruptibly();
            }
            if (cancel.isCancelled()) {
                throw new CancellationException("cancelled after " + i + " steps");
            }
            if (failure != null) {
                throw failure;
            }
            onStep.accept(new StepFrame(i, job.steps(), 1000 - i, solid(4, 4, i), solid(4, 4, 255 - i), 1_000_000));
        }
        String parameters = dev.atelier.image.GenerationParameters.builder().prompt(job.prompt())
                .negativePrompt(job.negativePrompt() == null ? "" : job.negativePrompt()).steps(job.steps())
                .cfgScale(job.guidance()).seed(job.seed()).size(job.width(), job.height()).build().format();
        return new GenerationOutcome(solid(job.width(), job.height(), 128), parameters, job, "");
    }

    @Override
    public void close() {
        closed = true;
    }
}
