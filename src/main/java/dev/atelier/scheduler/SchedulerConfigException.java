package dev.atelier.scheduler;

/** A {@code scheduler_config.json} that cannot be read or holds a bad value; the message names the file. */
public final class SchedulerConfigException extends RuntimeException {
    public SchedulerConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
