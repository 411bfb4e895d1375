package dev.atelier.job;

/** Where a job is in its life. */
public enum JobState {
    PENDING, RUNNING, FINISHED, FAILED, CANCELLED;

    public boolean isFinal() {
        return this == FINISHED || this == FAILED || this == CANCELLED;
    }
}
