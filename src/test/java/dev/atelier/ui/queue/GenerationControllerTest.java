package dev.atelier.ui.queue;

import dev.atelier.job.Job;
import dev.atelier.job.JobOutput;
import dev.atelier.job.JobSpec;
import dev.atelier.job.JobState;
import dev.atelier.job.WorkerJobQueue;
import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.StepState;
import dev.atelier.ui.ScriptedEngine;
import dev.atelier.ui.canvas.Progress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's observer of the real core queue, with a scripted runner and a "ui" thread. */
class GenerationControllerTest {
    private final ExecutorService ui = Executors.newSingleThreadExecutor(r -> new Thread(r, "ui"));
    private final BlockingQueue<String> events = new LinkedBlockingQueue<>();
    private final Recorder recorder = new Recorder();
    private WorkerJobQueue queue;

    @TempDir
    Path model;

    @AfterEach
    void shutdown() {
        if (queue != null) {
            queue.close();
        }
        ui.shutdownNow();
    }

    private JobSpec spec(int steps) {
        return JobSpec.of(GenerationRequest.of("a red star").withSeed(7).withSteps(steps).withSize(64, 64), model, Device.CPU);
    }

    private GenerationController controller(ScriptedEngine runner) throws Exception {
        queue = new WorkerJobQueue(runner);
        return onUi(() -> new GenerationController(queue, ui, recorder));
    }

    private <T> T onUi(Callable<T> task) throws Exception {
        return ui.submit(task).get(20, TimeUnit.SECONDS);
    }

    /** Records callbacks and checks each arrives on the UI thread. */
    private final class Recorder implements GenerationController.Listener {
        volatile List<StepState> steps;
        volatile JobOutput output;
        volatile String failure;
        volatile int stepCallbacks;

        private void on(String event) {
            events.add(Thread.currentThread().getName().equals("ui") ? event : "WRONG THREAD " + event);
        }

        @Override
        public void onStarted(Job job) {
            on("started " + job.id());
        }

        @Override
        public void onStep(Job job, List<StepState> all, Progress progress) {
            stepCallbacks++;
            assertEquals(all.size(), progress.completed(), "progress counts the delivered steps");
        }

        @Override
        public void onFinished(Job job, JobOutput o, List<StepState> s) {
            output = o;
            steps = s;
            on("finished " + job.id());
        }

        @Override
        public void onCancelled(Job job, boolean wasRunning, List<StepState> s) {
            steps = s;
            on("cancelled " + job.id() + (wasRunning ? " running" : " pending"));
        }

        @Override
        public void onFailed(Job job, String message, List<StepState> s) {
            failure = message;
            on("failed " + job.id());
        }
    }

    private String next() throws InterruptedException {
        String e = events.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no event within 10 s");
        return e;
    }

    @Test
    void aRunDeliversEveryStepToTheTimelineAndTheOutput() throws Exception {
        GenerationController c = controller(new ScriptedEngine(false));
        onUi(() -> c.enqueue(spec(12), 1));
        assertEquals("started 1", next());
        assertEquals("finished 1", next());
        assertEquals(12, recorder.steps.size());
        for (int i = 0; i < 12; i++) {
            assertEquals(i, recorder.steps.get(i).index());
        }
        assertEquals(64, recorder.output.result().image().width());
        assertTrue(recorder.stepCallbacks >= 1 && recorder.stepCallbacks <= 12, "previews are latest-wins");
        assertEquals(JobState.FINISHED, onUi(() -> c.items().getFirst().stateProperty().get()));
        assertEquals(1.0, onUi(() -> c.items().getFirst().progressProperty().get()));
    }

    @Test
    void generateWhileRunningQueuesAndABatchGetsConsecutiveSeeds() throws Exception {
        ScriptedEngine runner = new ScriptedEngine(true);
        GenerationController c = controller(runner);
        onUi(() -> c.enqueue(spec(2), 1));
        List<Job> batch = onUi(() -> c.enqueue(spec(2), 3));
        assertEquals(List.of(7L, 8L, 9L), batch.stream().map(j -> j.request().seed()).toList());
        assertEquals(4, onUi(() -> c.items().size()), "listed at once, nothing refused");
        runner.allow(8);
        for (long id = 1; id <= 4; id++) {
            assertEquals("started " + id, next());
            assertEquals("finished " + id, next());
        }
        assertEquals(List.of(4L, 3L, 2L, 1L), onUi(() -> c.items().stream().map(QueueItem::id).toList()),
                "ended rows newest first");
        onUi(() -> {
            c.clearDone();
            return null;
        });
        assertTrue(onUi(() -> c.items().isEmpty()));
    }

    @Test
    void cancellingAPendingJobRemovesItAndMovingReordersThePanel() throws Exception {
        ScriptedEngine runner = new ScriptedEngine(true);
        GenerationController c = controller(runner);
        onUi(() -> c.enqueue(spec(1), 4)); // 1 runs (waits for a permit), 2..4 pending
        assertEquals("started 1", next());
        assertTrue(onUi(() -> c.moveUp(4)));
        assertEquals(List.of(1L, 2L, 4L, 3L), onUi(() -> c.items().stream().map(QueueItem::id).toList()));
        assertTrue(onUi(() -> c.cancel(2)));
        assertEquals("cancelled 2 pending", next());
        runner.allow(3);
        assertEquals("finished 1", next());
        assertEquals("started 4", next(), "the moved job runs before 3");
        assertEquals("finished 4", next());
        assertEquals("started 3", next());
        assertEquals("finished 3", next());
    }

    @Test
    void cancelStopsTheRunningJobWithinOneStepAndKeepsItsSteps() throws Exception {
        ScriptedEngine runner = new ScriptedEngine(true);
        GenerationController c = controller(runner);
        onUi(() -> c.enqueue(spec(20), 1));
        assertEquals("started 1", next());
        runner.allow(5);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (c.steps(1).size() < 5 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        onUi(() -> {
            c.cancelRunning();
            return null;
        });
        runner.allow(1); // the next step sees the flag and stops
        assertEquals("cancelled 1 running", next());
        assertEquals(5, recorder.steps.size());
        assertFalse(c.isRunning());
    }

    @Test
    void failuresArriveAsOneReadableLine() throws Exception {
        ScriptedEngine runner = new ScriptedEngine(false);
        runner.failure = new IllegalArgumentException("width must be a multiple of 64 for this model, got 100");
        GenerationController c = controller(runner);
        onUi(() -> c.enqueue(spec(4), 1));
        assertEquals("started 1", next());
        assertEquals("failed 1", next());
        assertTrue(recorder.failure.contains("width must be a multiple of 64 for this model, got 100"), recorder.failure);
        assertEquals(JobState.FAILED, onUi(() -> c.items().getFirst().stateProperty().get()));
    }
}
