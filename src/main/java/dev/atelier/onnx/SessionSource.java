package dev.atelier.onnx;

/**
 * Where a pipeline gets its sessions: a private {@link SessionCache} or a pool shared by many
 * jobs and models. A lease keeps its sessions open until it is closed.
 */
@FunctionalInterface
public interface SessionSource {
    /** The sessions of {@code folder} on {@code device}, loaded on first use and held until the lease closes. */
    SessionLease acquire(ModelFolder folder, Device device);
}
