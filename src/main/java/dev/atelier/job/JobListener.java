package dev.atelier.job;

/**
 * Observes a {@link JobQueue}. Called on the thread where the event happened (a worker, or the
 * caller of enqueue/cancel), so keep it quick; a slow observer (a window) wraps itself in a
 * {@link CoalescingJobListener}.
 */
@FunctionalInterface
public interface JobListener {
    void onEvent(JobEvent event);
}
