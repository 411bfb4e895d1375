package dev.atelier.pipeline;

import dev.atelier.onnx.ModelFolder;
import dev.atelier.scheduler.SchedulerConfig;
import dev.atelier.scheduler.SchedulerKind;

import java.util.List;
import java.util.Optional;

/**
 * Which scheduler runs: the request's, else the folder's {@code atelier.json} default, else the
 * class named in {@code scheduler_config.json} (Euler, with a warning, for classes Atelier does
 * not port). The config is the folder's, read as diffusers' {@code from_config} would for that kind.
 */
record SchedulerChoice(SchedulerKind kind, SchedulerConfig config) {
    static SchedulerChoice resolve(ModelFolder folder, GenerationRequest request, List<String> warnings) {
        SchedulerKind kind = request.scheduler();
        if (kind == null && folder.defaults().scheduler() != null) {
            kind = parse(folder.defaults().scheduler()).orElse(null);
        }
        if (kind == null) {
            Optional<SchedulerKind> own = SchedulerKind.fromDiffusersConfig(folder.schedulerConfig());
            if (own.isEmpty()) {
                warnings.add("scheduler " + folder.schedulerClass() + " is not supported; using "
                        + SchedulerKind.fallback().cliName());
            }
            kind = own.orElse(SchedulerKind.fallback());
        }
        SchedulerConfig config = SchedulerConfig.fromJson(folder.schedulerConfig(), kind);
        if (request.timestepSpacing() != null) {
            config = config.withTimestepSpacing(request.timestepSpacing());
        }
        return new SchedulerChoice(kind, config);
    }

    private static Optional<SchedulerKind> parse(String name) {
        try {
            return Optional.of(SchedulerKind.fromCliName(name));
        } catch (IllegalArgumentException e) {
            return SchedulerKind.fromDiffusersClass(name);
        }
    }
}
