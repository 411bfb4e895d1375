package dev.atelier.ui;

import dev.atelier.image.PixelImage;
import dev.atelier.job.Job;
import dev.atelier.job.JobOutput;
import dev.atelier.job.JobRunner;
import dev.atelier.onnx.Device;
import dev.atelier.onnx.ModelFamily;
import dev.atelier.onnx.ProviderChoice;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.GenerationCancelledException;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.GenerationResult;
import dev.atelier.pipeline.StepListener;
import dev.atelier.pipeline.StepState;
import dev.atelier.pipeline.Stage;
import dev.atelier.pipeline.Timings;
import dev.atelier.scheduler.SchedulerKind;
import dev.atelier.scheduler.TimestepSpacing;

import java.nio.file.Path;
import java.util.List;
import java.util.EnumMap;
import java.util.concurrent.Semaphore;

/**
 * A test double of the engine as a queue {@link JobRunner} (the window tests also use the real
 * model): one step state per step, the cancel flag honoured before every step as the pipeline does,
 * optionally waiting for a permit before each step so a test can act mid-run.
 */
public final class ScriptedEngine implements JobRunner {
    final Semaphore stepPermits;
    public volatile RuntimeException failure;

    /** @param gated when true each step waits for a permit from {@link #allow(int)} */
    public ScriptedEngine(boolean gated) {
        this.stepPermits = gated ? new Semaphore(0) : null;
    }

    public void allow(int steps) {
        stepPermits.release(steps);
    }

    public static PixelImage solid(int w, int h, int value) {
        byte[] rgb = new byte[w * h * 3];
        java.util.Arrays.fill(rgb, (byte) value);
        return new PixelImage(w, h, rgb);
    }

    /** Step {@code i} of {@code total}: 4×2×2 latents of value i, a preview of grey 255-i. */
    public static StepState step(int i, int total) {
        float[] latents = new float[16];
        java.util.Arrays.fill(latents, i);
        return new StepState(i, total, 1000 - i, latents, latents.clone(), 4, 2, 2, solid(2, 2, 255 - i), 1_000_000);
    }

    @Override
    public JobOutput run(Job job, StepListener steps, CancelFlag cancel) {
        GenerationRequest r = job.request();
        StepState last = null;
        for (int i = 0; i < r.steps(); i++) {
            if (stepPermits != null) {
                stepPermits.acquireUninterruptibly();
            }
            if (cancel.isCancelled()) {
                throw new GenerationCancelledException(last);
            }
            if (failure != null) {
                throw failure;
            }
            last = step(i, r.steps());
            steps.onStep(last);
        }
        GenerationRequest settings = r.withScheduler(r.scheduler() == null ? SchedulerKind.EULER : r.scheduler())
                .withTimestepSpacing(TimestepSpacing.LEADING);
        Timings timings = new Timings(1_000_000L * r.steps(), new EnumMap<>(Stage.class), new EnumMap<>(Stage.class), 0, new long[r.steps()],
                new long[r.steps()], 0, 0);
        Path dir = job.modelDir().getFileName();
        return JobOutput.unsaved(new GenerationResult(solid(r.width(), r.height(), 128), settings,
                dir == null ? "model" : dir.toString(), ModelFamily.values()[0],
                new ProviderChoice(Device.CPU, Device.CPU, null), timings, List.of()));
    }
}
