package dev.atelier.job;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Hands events to a slow observer on its own executor (e.g. the FX thread), in order, without
 * ever blocking the worker. Step events are latest-wins: while the observer is behind, a newer
 * step of the same job replaces the one still waiting. Every other event is delivered.
 * (The full timeline stays available from {@link JobQueue#steps}.)
 */
public final class CoalescingJobListener implements JobListener {
    private final JobListener target;
    private final Executor executor;
    private final List<JobEvent> waiting = new ArrayList<>();
    private boolean scheduled;

    public CoalescingJobListener(JobListener target, Executor executor) {
        this.target = Objects.requireNonNull(target, "target");
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    @Override
    public void onEvent(JobEvent event) {
        boolean schedule;
        synchronized (this) {
            if (event instanceof JobEvent.Step && !waiting.isEmpty()
                    && waiting.getLast() instanceof JobEvent.Step last && last.jobId() == event.jobId()) {
                waiting.set(waiting.size() - 1, event);
            } else {
                waiting.add(event);
            }
            schedule = !scheduled;
            scheduled = true;
        }
        if (schedule) {
            executor.execute(this::drain);
        }
    }

    private void drain() {
        while (true) {
            List<JobEvent> batch;
            synchronized (this) {
                if (waiting.isEmpty()) {
                    scheduled = false;
                    return;
                }
                batch = new ArrayList<>(waiting);
                waiting.clear();
            }
            batch.forEach(target::onEvent);
        }
    }
}
