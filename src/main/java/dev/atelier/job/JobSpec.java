package dev.atelier.job;

import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationRequest;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * What one job generates, before the queue gives it an id.
 *
 * @param request  the generation settings
 * @param modelDir the model folder
 * @param device   the requested device
 * @param origin   single run, batch k of n, grid cell
 * @param fields   the composer's structured fields (name → text) when the prompt was composed; may be empty
 */
public record JobSpec(GenerationRequest request, Path modelDir, Device device, JobOrigin origin,
                      Map<String, String> fields) {
    public JobSpec {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(device, "device");
        origin = origin == null ? JobOrigin.SINGLE : origin;
        fields = fields == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(fields));
    }

    /** A single run without composer fields. */
    public static JobSpec of(GenerationRequest request, Path modelDir, Device device) {
        return new JobSpec(request, modelDir, device, JobOrigin.SINGLE, Map.of());
    }

    public JobSpec withRequest(GenerationRequest value) {
        return new JobSpec(value, modelDir, device, origin, fields);
    }

    public JobSpec withOrigin(JobOrigin value) {
        return new JobSpec(request, modelDir, device, value, fields);
    }
}
