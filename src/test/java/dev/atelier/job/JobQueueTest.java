package dev.atelier.job;

import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationRequest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Order, cancel, reorder and pause of the queue, with a scripted service instead of ORT. */
class JobQueueTest {
    private static final Path MODEL = Path.of("models/tiny-shapes");
    private final ScriptedRunner runner = new ScriptedRunner(3);
    private final BlockingQueue<JobEvent> events = new LinkedBlockingQueue<>();
    private final WorkerJobQueue queue = new WorkerJobQueue(runner);

    JobQueueTest() {
        queue.addListener(events::add);
    }

    @AfterEach
    void close() {
        queue.close();
    }

    private static JobSpec spec(String prompt, long seed) {
        return JobSpec.of(GenerationRequest.of(prompt).withSeed(seed), MODEL, Device.CPU);
    }

    private JobEvent next() throws InterruptedException {
        JobEvent e = events.poll(30, TimeUnit.SECONDS);
        assertNotNull(e, "no event within 30 s");
        return e;
    }

    /** The next event that is not a step. */
    private JobEvent nextNonStep() throws InterruptedException {
        JobEvent e;
        do {
            e = next();
        } while (e instanceof JobEvent.Step);
        return e;
    }

    private List<Long> finishOrder(int jobs) throws InterruptedException {
        runner.allow(1000);
        List<Long> done = new ArrayList<>();
        while (done.size() < jobs) {
            JobEvent e = next();
            if (e.isFinal()) {
                assertInstanceOf(JobEvent.Finished.class, e, e::toString);
                done.add(e.jobId());
            }
        }
        return done;
    }

    @Test
    void jobsRunInOrderWithEveryEvent() throws InterruptedException {
        queue.pause();
        Job a = queue.enqueue(spec("a", 1));
        Job b = queue.enqueue(spec("b", 2));
        queue.resume();
        assertEquals(new JobEvent.Queued(a, 0), next());
        assertEquals(new JobEvent.Queued(b, 1), next());
        assertEquals(new JobEvent.Started(a), next());
        runner.allow(3);
        for (int i = 0; i < 3; i++) {
            JobEvent.Step s = assertInstanceOf(JobEvent.Step.class, next());
            assertEquals(a.id(), s.jobId());
            assertEquals(i, s.state().index());
        }
        JobEvent.Finished f = assertInstanceOf(JobEvent.Finished.class, next());
        assertEquals(a.id(), f.jobId());
        assertEquals(3, queue.steps(a.id()).size(), "every step kept for the timeline");
        assertEquals(new JobEvent.Started(b), next());
        assertEquals(List.of(b.id()), finishOrder(1));
        assertTrue(queue.awaitIdle(Duration.ofSeconds(30)));
        assertEquals(JobState.FINISHED, queue.state(b.id()).orElseThrow());
    }

    @Test
    void aBatchIsNJobsWithConsecutiveSeeds() throws InterruptedException {
        List<Job> jobs = queue.enqueueBatch(spec("cat", 41), 4);
        assertEquals(List.of(41L, 42L, 43L, 44L), jobs.stream().map(j -> j.request().seed()).toList());
        assertEquals(new JobOrigin.Batch(jobs.getFirst().id(), 3, 4), jobs.get(2).origin());
        assertEquals(jobs.stream().map(Job::id).toList(), finishOrder(4));
        assertThrows(IllegalArgumentException.class, () -> queue.enqueueBatch(spec("x", Long.MAX_VALUE), 2));
        assertThrows(IllegalArgumentException.class, () -> queue.enqueueBatch(spec("x", 1), 0));
    }

    @Test
    void cancellingAPendingJobRemovesItAndTheRunningOneStopsWithinAStep() throws InterruptedException {
        queue.pause(); // all three Queued events before a starts
        Job a = queue.enqueue(spec("a", 1));
        Job b = queue.enqueue(spec("b", 2));
        Job c = queue.enqueue(spec("c", 3));
        queue.resume();
        while (!(next() instanceof JobEvent.Started)) {
            // Queued × 3, then a starts
        }
        assertTrue(queue.cancel(b.id()));
        assertEquals(new JobEvent.Cancelled(b, false), next());
        assertEquals(List.of(c), queue.pending());
        runner.allow(1);
        assertInstanceOf(JobEvent.Step.class, next());
        assertTrue(queue.cancel(a.id()));
        assertEquals(new JobEvent.Cancelled(a, true), nextNonStep());
        assertEquals(1, queue.steps(a.id()).size(), "stopped after the step it was in");
        assertEquals(new JobEvent.Started(c), next());
        assertEquals(List.of(c.id()), finishOrder(1));
        assertEquals(List.of(a.id(), c.id()), runner.started, "b never started");
        assertFalse(queue.cancel(b.id()), "already cancelled");
        assertEquals(JobState.CANCELLED, queue.state(a.id()).orElseThrow());
    }

    @Test
    void cancelAllPendingAndTheRunningOne() throws InterruptedException {
        queue.pause();
        List<Job> jobs = queue.enqueueBatch(spec("x", 1), 5);
        assertEquals(5, queue.cancelPending());
        assertEquals(0, queue.cancelRunning());
        assertTrue(queue.awaitIdle(Duration.ofSeconds(30)));
        for (Job j : jobs) {
            assertEquals(JobState.CANCELLED, queue.state(j.id()).orElseThrow());
        }
        queue.resume();
        Job r = queue.enqueue(spec("r", 1));
        while (!(next() instanceof JobEvent.Started)) {
            // Queued/Cancelled of the batch, Queued of r
        }
        assertEquals(1, queue.cancelRunning());
        assertEquals(new JobEvent.Cancelled(r, true), nextNonStep());
    }

    @Test
    void pendingJobsCanBeReordered() throws InterruptedException {
        queue.pause();
        Job a = queue.enqueue(spec("a", 1));
        Job b = queue.enqueue(spec("b", 2));
        Job c = queue.enqueue(spec("c", 3));
        Job d = queue.enqueue(spec("d", 4));
        assertTrue(queue.moveToFront(c.id()));
        assertTrue(queue.moveDown(a.id()));
        assertTrue(queue.moveUp(d.id()));
        assertFalse(queue.moveUp(c.id()), "already first");
        assertFalse(queue.moveDown(999));
        assertEquals(List.of(c, b, d, a), queue.pending());
        events.clear();
        queue.resume();
        assertEquals(List.of(c.id(), b.id(), d.id(), a.id()), finishOrder(4));
    }

    @Test
    void pauseLetsTheRunningJobFinishAndStartsNothingNew() throws InterruptedException {
        queue.pause();
        Job a = queue.enqueue(spec("a", 1));
        Job b = queue.enqueue(spec("b", 2));
        queue.resume();
        while (!(next() instanceof JobEvent.Started)) {
            // Queued × 2
        }
        queue.pause();
        assertTrue(queue.isPaused());
        runner.allow(3);
        assertEquals(a.id(), assertInstanceOf(JobEvent.Finished.class, nextNonStep()).jobId());
        assertFalse(queue.awaitIdle(Duration.ofMillis(200)), "b waits while paused");
        assertEquals(List.of(b), queue.pending());
        assertEquals(List.of(a.id()), runner.started);
        queue.resume();
        assertEquals(new JobEvent.Started(b), next());
        assertEquals(List.of(b.id()), finishOrder(1));
    }

    @Test
    void aFailureIsOneLineAndTheQueueGoesOn() throws InterruptedException {
        queue.pause();
        Job bad = queue.enqueue(spec("fail", 1));
        Job good = queue.enqueue(spec("good", 2));
        queue.resume();
        runner.allow(1000);
        JobEvent.Failed f;
        JobEvent e;
        do {
            e = next();
        } while (!e.isFinal());
        f = assertInstanceOf(JobEvent.Failed.class, e);
        assertEquals(bad.id(), f.jobId());
        assertEquals("scripted failure second line", f.message());
        assertEquals(new JobEvent.Started(good), nextNonStep());
        assertEquals(good.id(), assertInstanceOf(JobEvent.Finished.class, nextNonStep()).jobId());
    }

    @Test
    void twoWorkersRunTwoJobsAtOnce() throws InterruptedException {
        ScriptedRunner r2 = new ScriptedRunner(1);
        try (WorkerJobQueue two = new WorkerJobQueue(r2, JobQueueOptions.DEFAULT.withWorkers(2))) {
            two.enqueue(spec("a", 1));
            two.enqueue(spec("b", 2));
            while (two.running().size() < 2) {
                Thread.onSpinWait(); // both start without any step allowed
            }
            r2.allow(2);
            assertTrue(two.awaitIdle(Duration.ofSeconds(30)));
        }
    }

    @Test
    void whileAJobRunsTheFirstPendingJobOnAnotherModelIsPreparedOnce() throws Exception {
        queue.pause();
        Job a1 = queue.enqueue(spec("a", 1));
        queue.enqueue(spec("a", 2));
        Job b1 = queue.enqueue(JobSpec.of(GenerationRequest.of("b"), Path.of("models/tiny-shapes-v"), Device.CPU));
        queue.enqueue(JobSpec.of(GenerationRequest.of("b"), Path.of("models/tiny-shapes-v"), Device.CPU));
        queue.resume();
        runner.allow(1000);
        assertTrue(queue.awaitIdle(Duration.ofSeconds(30)));
        // the helper thread may not have been scheduled yet (close() drops what it has not started)
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (runner.prepared.isEmpty() && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        queue.close(); // the helper has ended: its work is seen
        assertEquals(List.of(b1.id()), runner.prepared, "the first job on model b, once, while model a's jobs ran");
        assertEquals(a1.id(), runner.started.getFirst());
    }

    @Test
    void aListenerThatThrowsAnErrorEndsNeitherTheWorkerNorLaterJobs() throws Exception {
        queue.addListener(e -> {
            if (e instanceof JobEvent.Started) {
                throw new AssertionError("a listener's bug"); // an Error, not an exception
            }
        });
        Job a = queue.enqueue(spec("a", 1));
        Job b = queue.enqueue(spec("b", 2));
        runner.allow(1000);
        assertTrue(queue.awaitIdle(Duration.ofSeconds(30)), "the queue drains: the worker is still there");
        assertEquals(java.util.Optional.of(JobState.FINISHED), queue.state(a.id()));
        assertEquals(java.util.Optional.of(JobState.FINISHED), queue.state(b.id()));
    }
}
