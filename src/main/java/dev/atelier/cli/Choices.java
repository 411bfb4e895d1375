package dev.atelier.cli;

import dev.atelier.onnx.Device;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.prompt.Emphasis;
import dev.atelier.scheduler.SchedulerKind;
import dev.atelier.scheduler.TimestepSpacing;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Parsing of the option values shared by the commands, with one-line messages. */
final class Choices {
    private Choices() {
    }

    /** {@code --model DIR}, or the embedded default model when absent. */
    static ModelFolder model(String dir) {
        return ModelFolder.open(dir == null ? EmbeddedModels.defaultModel() : path("--model", dir));
    }

    static Path path(String option, String value) {
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(option + ": '" + value + "' is not a valid path");
        }
    }

    static Device device(String value) {
        try {
            return Device.fromCliName(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--device: " + e.getMessage());
        }
    }

    static SchedulerKind scheduler(String value) {
        if (value == null) {
            return null;
        }
        try {
            return SchedulerKind.fromCliName(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--scheduler: unknown '" + value + "', expected one of " + names(SchedulerKind.values()));
        }
    }

    static TimestepSpacing spacing(String value) {
        if (value == null) {
            return null;
        }
        try {
            return TimestepSpacing.fromConfig(value);
        } catch (RuntimeException e) {
            throw new UsageException("--timestep-spacing: unknown '" + value + "', expected leading, trailing or linspace");
        }
    }

    static Emphasis emphasis(String value) {
        String wanted = value.toUpperCase(Locale.ROOT).replace('-', '_');
        for (Emphasis e : Emphasis.values()) {
            if (e.name().equals(wanted)) {
                return e;
            }
        }
        throw new UsageException("--emphasis: unknown '" + value + "', expected original, no-norm or none");
    }

    private static String names(SchedulerKind[] kinds) {
        return Arrays.stream(kinds).map(SchedulerKind::cliName).collect(Collectors.joining(", "));
    }
}
