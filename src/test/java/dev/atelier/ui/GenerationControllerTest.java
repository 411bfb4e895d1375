package dev.atelier.ui;

import dev.atelier.onnx.Device;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GenerationControllerTest {
    private final ExecutorService worker = Executors.newSingleThreadExecutor(r -> new Thread(r, "worker"));
    private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "ui"));
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final Recorder recorder = new Recorder();

    @TempDir
    Path model;

    @AfterEach
    void shutdown() {
        worker.shutdownNow();
        ui.shutdownNow();
    }

    private GenerationJob job(int steps) {
        return new GenerationJob(model, "a red star", null, 7, steps, 5, null, 64, 64, Device.CPU);
    }

    /** Records callbacks and checks each arrives on the UI thread. */
    private final class Recorder implements GenerationController.Listener {
        volatile List<StepFrame> frames;
        volatile GenerationOutcome outcome;
        volatile String failure;
        volatile int stepCallbacks;

        private void on(String event) {
            events.add(Thread.currentThread().getName().equals("ui") ? event : "WRONG THREAD " + event);
        }

        @Override
        public void onStarted(GenerationJob job) {
            events.add("started");
        }

        @Override
        public void onStep(StepFrame latest, Progress progress) {
            stepCallbacks++;
            assertEquals(latest.index() + 1, progress.completed(), "progress counts the delivered step");
        }

        @Override
        public void onFinished(GenerationOutcome o, List<StepFrame> f) {
            outcome = o;
            frames = f;
            on("finished");
        }

        @Override
        public void onCancelled(List<StepFrame> f) {
            frames = f;
            on("cancelled");
        }

        @Override
        public void onFailed(String message, List<StepFrame> f) {
            failure = message;
            frames = f;
            on("failed");
        }
    }

    private String next() throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no event within 10 s");
        return e;
    }

    @Test
    void aRunDeliversEveryStepToTheTimelineAndTheOutcome() throws InterruptedException {
        GenerationController c = new GenerationController(new ScriptedService(false), worker, ui, recorder);
        assertTrue(c.start(job(12)));
        assertEquals("started", next());
        assertEquals("finished", next());
        assertEquals(12, recorder.frames.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(i, recorder.frames.get(i).index());
        }
        assertEquals(64, recorder.outcome.image().width());
        assertTrue(recorder.stepCallbacks >= 1 && recorder.stepCallbacks <= 12, "previews are latest-wins");
        assertFalse(c.isRunning());
    }

    @Test
    void aSecondStartWhileRunningIsRefused() throws InterruptedException {
        ScriptedService service = new ScriptedService(true);
        GenerationController c = new GenerationController(service, worker, ui, recorder);
        assertTrue(c.start(job(3)));
        assertFalse(c.start(job(3)));
        service.allow(3);
        assertEquals("started", next());
        assertEquals("finished", next());
        assertTrue(c.start(job(1)), "free again after the run");
        service.allow(1);
        assertEquals("started", next());
        assertEquals("finished", next());
    }

    @Test
    void cancelStopsWithinOneStepAndKeepsTheStepsSoFar() throws InterruptedException {
        ScriptedService service = new ScriptedService(true);
        GenerationController c = new GenerationController(service, worker, ui, recorder);
        c.start(job(20));
        assertEquals("started", next());
        service.allow(5);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (c.frames().size() < 5 && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        c.cancel();
        service.allow(1); // the next step sees the flag and stops
        assertEquals("cancelled", next());
        assertEquals(5, recorder.frames.size());
        assertFalse(c.isRunning());
    }

    @Test
    void failuresArriveAsOneReadableLine() throws InterruptedException {
        ScriptedService service = new ScriptedService(false);
        service.failure = new IllegalArgumentException("width must be a multiple of 64 for this model, got 100");
        GenerationController c = new GenerationController(service, worker, ui, recorder);
        c.start(job(4));
        assertEquals("started", next());
        assertEquals("failed", next());
        assertEquals("width must be a multiple of 64 for this model, got 100", recorder.failure);
    }
}
