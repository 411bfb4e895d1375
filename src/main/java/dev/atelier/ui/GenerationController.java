package dev.atelier.ui;

import dev.atelier.pipeline.CancelFlag;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Runs generations one at a time on the single background executor and reports back on the UI
 * executor: every step goes into the run's timeline, the newest step is delivered latest-wins, and
 * exactly one of finished / cancelled / failed ends each run.
 */
public final class GenerationController {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationController.class);

    /** Called on the UI executor only. */
    public interface Listener {
        void onStarted(GenerationJob job);

        void onStep(StepFrame latest, Progress progress);

        void onFinished(GenerationOutcome outcome, List<StepFrame> frames);

        void onCancelled(List<StepFrame> frames);

        void onFailed(String message, List<StepFrame> frames);
    }

    private final GenerationService service;
    private final ExecutorService worker;
    private final Executor ui;
    private final Listener listener;
    private final AtomicReference<Run> current = new AtomicReference<>();

    public GenerationController(GenerationService service, ExecutorService worker, Executor ui, Listener listener) {
        this.service = Objects.requireNonNull(service, "service");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.ui = Objects.requireNonNull(ui, "ui");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /** One run's state; the frames list is written by the worker and copied by the UI. */
    private final class Run {
        final GenerationJob job;
        final CancelFlag cancel = new CancelFlag();
        final List<StepFrame> frames = new CopyOnWriteArrayList<>();
        // frame and progress travel together so the view never pairs a preview with a later count
        final LatestValue<StepUpdate> latest;

        Run(GenerationJob job) {
            this.job = job;
            this.latest = new LatestValue<>(ui, u -> listener.onStep(u.frame(), u.progress()));
        }
    }

    private record StepUpdate(StepFrame frame, Progress progress) {
    }

    /** Starts a run unless one is in progress; returns false (and does nothing) when busy. */
    public boolean start(GenerationJob job) {
        Run run = new Run(Objects.requireNonNull(job, "job"));
        if (!current.compareAndSet(null, run)) {
            return false;
        }
        listener.onStarted(job);
        worker.execute(() -> execute(run));
        return true;
    }

    /** Asks the running generation to stop; it does so before its next step. */
    public void cancel() {
        Run run = current.get();
        if (run != null) {
            run.cancel.cancel();
        }
    }

    public boolean isRunning() {
        return current.get() != null;
    }

    /** The steps of the current run so far (empty when idle). */
    public List<StepFrame> frames() {
        Run run = current.get();
        return run == null ? List.of() : List.copyOf(run.frames);
    }

    private void execute(Run run) {
        try {
            GenerationOutcome outcome = service.generate(run.job, frame -> {
                run.frames.add(frame);
                run.latest.offer(new StepUpdate(frame, Progress.of(run.frames)));
            }, run.cancel);
            finish(run, () -> listener.onFinished(outcome, List.copyOf(run.frames)));
        } catch (CancellationException e) {
            LOG.info("Run cancelled after {} steps", run.frames.size());
            finish(run, () -> listener.onCancelled(List.copyOf(run.frames)));
        } catch (RuntimeException | Error e) {
            if (run.cancel.isCancelled()) {
                LOG.info("Run cancelled after {} steps ({})", run.frames.size(), e.toString());
                finish(run, () -> listener.onCancelled(List.copyOf(run.frames)));
                return;
            }
            LOG.error("Generation failed", e);
            String message = UserMessages.describe(e);
            finish(run, () -> listener.onFailed(message, List.copyOf(run.frames)));
        }
    }

    /** Clears the run before reporting, so the listener may start the next one at once. */
    private void finish(Run run, Runnable report) {
        ui.execute(() -> {
            current.compareAndSet(run, null);
            report.run();
        });
    }
}
