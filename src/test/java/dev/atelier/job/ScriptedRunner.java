package dev.atelier.job;

import dev.atelier.history.HistorySamplesAccess;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.GenerationCancelledException;
import dev.atelier.pipeline.StepListener;
import dev.atelier.pipeline.StepState;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * A scripted generation service: each step waits for a permit the test hands out, checks the
 * cancel flag as the pipeline does, and reports the step. A prompt "fail" fails the job.
 */
final class ScriptedRunner implements JobRunner {
    final Semaphore permits = new Semaphore(0);
    final List<Long> started = new CopyOnWriteArrayList<>();
    /** Jobs handed to {@link #prepare}. */
    final List<Long> prepared = new CopyOnWriteArrayList<>();
    private final int steps;

    ScriptedRunner(int steps) {
        this.steps = steps;
    }

    /** Lets {@code n} more steps run, across jobs. */
    void allow(int n) {
        permits.release(n);
    }

    @Override
    public void prepare(Job next) {
        prepared.add(next.id());
    }

    @Override
    public JobOutput run(Job job, StepListener listener, CancelFlag cancel) throws InterruptedException {
        started.add(job.id());
        StepState last = null;
        for (int i = 0; i < steps; i++) {
            while (!permits.tryAcquire(10, TimeUnit.MILLISECONDS)) {
                if (cancel.isCancelled()) {
                    throw new GenerationCancelledException(last);
                }
            }
            if (cancel.isCancelled()) {
                throw new GenerationCancelledException(last);
            }
            if (job.request().prompt().equals("fail")) {
                throw new IllegalStateException("scripted failure\nsecond line");
            }
            last = new StepState(i, steps, 999 - i, new float[]{i}, new float[]{i}, 1, 1, 1, null, 0);
            listener.onStep(last);
        }
        return JobOutput.unsaved(HistorySamplesAccess.result(job.request().seed()));
    }
}
