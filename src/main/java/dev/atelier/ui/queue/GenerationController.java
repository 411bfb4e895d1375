package dev.atelier.ui.queue;

import dev.atelier.job.CoalescingJobListener;
import dev.atelier.job.Job;
import dev.atelier.job.JobEvent;
import dev.atelier.job.JobOutput;
import dev.atelier.job.JobQueue;
import dev.atelier.job.JobSpec;
import dev.atelier.job.JobState;
import dev.atelier.pipeline.StepState;
import dev.atelier.ui.canvas.Progress;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * The window's thin observer of the core {@link JobQueue}: it enqueues, forwards cancel and
 * reorder, and turns the queue's events (delivered through a {@link CoalescingJobListener} on the
 * UI executor, steps latest-wins) into the queue panel's rows and calls on its {@link Listener}.
 * The step timeline comes from {@link JobQueue#steps}, so a preview skipped by the coalescing is
 * still on the timeline.
 */
public final class GenerationController implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(GenerationController.class);

    /** Called on the UI executor only. */
    public interface Listener {
        void onStarted(Job job);

        void onStep(Job job, List<StepState> steps, Progress progress);

        void onFinished(Job job, JobOutput output, List<StepState> steps);

        void onCancelled(Job job, boolean wasRunning, List<StepState> steps);

        void onFailed(Job job, String message, List<StepState> steps);
    }

    private final JobQueue queue;
    private final Listener listener;
    // the extractor makes a state change an update of the list: counts bound to it follow
    private final ObservableList<QueueItem> items = FXCollections.observableArrayList(
            i -> new javafx.beans.Observable[] {i.stateProperty()});
    private final Map<Long, QueueItem> byId = new HashMap<>();
    private final AutoCloseable subscription;

    public GenerationController(JobQueue queue, Executor ui, Listener listener) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.listener = Objects.requireNonNull(listener, "listener");
        this.subscription = queue.addListener(new CoalescingJobListener(this::onEvent, ui));
    }

    /** The queue panel's rows: running and pending first in queue order, then the ended ones, newest first. */
    public ObservableList<QueueItem> items() {
        return items;
    }

    /** Enqueues {@code count} jobs (seeds s, s+1, ... when more than one); never refused while busy. */
    public List<Job> enqueue(JobSpec spec, int count) {
        List<Job> jobs = count == 1 ? List.of(queue.enqueue(spec)) : queue.enqueueBatch(spec, count);
        for (Job job : jobs) {
            row(job); // listed at once, not when the Queued event arrives
        }
        resort();
        return jobs;
    }

    public boolean cancel(long jobId) {
        return queue.cancel(jobId);
    }

    /** Stops the running job within one step; the next pending one then starts. */
    public void cancelRunning() {
        queue.cancelRunning();
    }

    public boolean moveUp(long jobId) {
        boolean moved = queue.moveUp(jobId);
        resort();
        return moved;
    }

    public boolean moveDown(long jobId) {
        boolean moved = queue.moveDown(jobId);
        resort();
        return moved;
    }

    /** Removes the ended rows from the panel. */
    public void clearDone() {
        items.removeIf(i -> i.stateProperty().get().isFinal());
        byId.values().removeIf(i -> i.stateProperty().get().isFinal());
    }

    public boolean isRunning() {
        return !queue.running().isEmpty();
    }

    /** Every step of a running or recently finished job, as the engine delivered them. */
    public List<StepState> steps(long jobId) {
        return queue.steps(jobId);
    }

    private QueueItem row(Job job) {
        return byId.computeIfAbsent(job.id(), id -> {
            QueueItem item = new QueueItem(job);
            items.add(item);
            return item;
        });
    }

    private void onEvent(JobEvent event) {
        switch (event) {
            case JobEvent.Queued q -> {
                row(q.job());
                resort();
            }
            case JobEvent.Started s -> {
                row(s.job()).stateProperty().set(JobState.RUNNING);
                resort();
                listener.onStarted(s.job());
            }
            case JobEvent.Step s -> {
                QueueItem item = byId.get(s.jobId());
                if (item == null || item.stateProperty().get() != JobState.RUNNING) {
                    return; // a late step of a job that already ended
                }
                item.progressProperty().set(s.state().progress());
                List<StepState> steps = queue.steps(s.jobId());
                listener.onStep(item.job(), steps, Progress.of(steps));
            }
            case JobEvent.Finished f -> {
                end(f.job(), JobState.FINISHED, "").progressProperty().set(1);
                listener.onFinished(f.job(), f.output(), queue.steps(f.jobId()));
            }
            case JobEvent.Cancelled c -> {
                end(c.job(), JobState.CANCELLED, "cancelled");
                listener.onCancelled(c.job(), c.wasRunning(), queue.steps(c.jobId()));
            }
            case JobEvent.Failed f -> {
                LOG.warn("Job {} failed: {}", f.jobId(), f.message());
                end(f.job(), JobState.FAILED, f.message());
                listener.onFailed(f.job(), f.message(), queue.steps(f.jobId()));
            }
        }
    }

    private QueueItem end(Job job, JobState state, String note) {
        QueueItem item = row(job);
        item.stateProperty().set(state);
        item.noteProperty().set(note);
        resort();
        return item;
    }

    /** Running first, then pending in the queue's order, then ended rows newest first. */
    private void resort() {
        List<Long> pending = queue.pending().stream().map(Job::id).toList();
        Comparator<QueueItem> order = Comparator.comparingInt((QueueItem i) -> switch (i.stateProperty().get()) {
            case RUNNING -> 0;
            case PENDING -> 1;
            default -> 2;
        }).thenComparingInt(i -> {
            int at = pending.indexOf(i.id());
            return at < 0 ? Integer.MAX_VALUE : at;
        }).thenComparing(Comparator.comparingLong(QueueItem::id).reversed());
        if (!isSorted(order)) {
            FXCollections.sort(items, order);
        }
    }

    private boolean isSorted(Comparator<QueueItem> order) {
        for (int i = 1; i < items.size(); i++) {
            if (order.compare(items.get(i - 1), items.get(i)) > 0) {
                return false;
            }
        }
        return true;
    }

    /** Stops observing the queue (the queue itself belongs to the startup class). */
    @Override
    public void close() {
        try {
            subscription.close();
        } catch (Exception e) {
            LOG.debug("removing the queue listener failed", e);
        }
    }
}
