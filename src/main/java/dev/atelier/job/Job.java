package dev.atelier.job;

import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationRequest;

import java.nio.file.Path;
import java.util.Objects;

/** A queued generation: its id (unique within one queue, increasing in enqueue order) and what to generate. */
public record Job(long id, JobSpec spec) {
    public Job {
        if (id < 1) {
            throw new IllegalArgumentException("job id must be positive, got " + id);
        }
        Objects.requireNonNull(spec, "spec");
    }

    public GenerationRequest request() {
        return spec.request();
    }

    public Path modelDir() {
        return spec.modelDir();
    }

    public Device device() {
        return spec.device();
    }

    public JobOrigin origin() {
        return spec.origin();
    }
}
