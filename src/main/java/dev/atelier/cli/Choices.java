package dev.atelier.cli;

import dev.atelier.onnx.Device;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.prompt.Emphasis;
import dev.atelier.scheduler.SchedulerKind;
import dev.atelier.scheduler.TimestepSpacing;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;

/**
 * Parsing of the option values shared by the commands, with one-line messages. The accepted names
 * of enum-valued options are derived from the enums, so a new constant is accepted, listed in
 * errors and shown in {@code --help} (through the {@code *Names} completion candidates) at once.
 */
final class Choices {
    private Choices() {
    }

    /** {@code --model DIR} opened as a model folder, or the embedded default model when absent. */
    static ModelFolder model(String dir) {
        return ModelFolder.open(modelDir(dir));
    }

    /**
     * The folder named by {@code --model}, which must exist, or the embedded default model's folder
     * (a {@link dev.atelier.onnx.ModelFolderException} naming where it was looked for when missing).
     */
    static Path modelDir(String dir) {
        if (dir == null) {
            return EmbeddedModels.defaultModel();
        }
        Path path = path("--model", dir);
        if (!Files.isDirectory(path)) {
            throw new UsageException("--model: " + path.toAbsolutePath().normalize() + " is not a folder; expected a "
                    + "model folder in diffusers ONNX layout (model_index.json, scheduler/, tokenizer/, text_encoder/, "
                    + "unet/, vae_decoder/)");
        }
        return path;
    }

    static Path path(String option, String value) {
        if (value.isBlank()) {
            throw new UsageException(option + ": empty value; expected a path");
        }
        try {
            return Path.of(value);
        } catch (InvalidPathException e) {
            throw new UsageException(option + ": '" + value + "' is not a valid path");
        }
    }

    /**
     * A memory size such as {@code 8G}, {@code 1.5GiB}, {@code 512M} or a byte count; {@code null}
     * = the default share of the machine's memory.
     */
    static long memoryBudget(String value) {
        if (value == null) {
            return dev.atelier.pipeline.GenerationLimits.defaultMemoryBudget();
        }
        try {
            return dev.atelier.pipeline.GenerationLimits.parseMemoryBudget(value);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--memory-budget: " + e.getMessage());
        }
    }

    static Device device(String value) {
        return oneOf("--device", value, Device.values(), Device::cliName);
    }

    /** The scheduler named by {@code value}, or {@code null} (the model's own) when absent. */
    static SchedulerKind scheduler(String value) {
        return value == null ? null : oneOf("--scheduler", value, SchedulerKind.values(), SchedulerKind::cliName);
    }

    /** The spacing named by {@code value}, or {@code null} (the scheduler config's) when absent. */
    static TimestepSpacing spacing(String value) {
        return value == null ? null
                : oneOf("--timestep-spacing", value, TimestepSpacing.values(), TimestepSpacing::configName);
    }

    static Emphasis emphasis(String value) {
        return oneOf("--emphasis", value, Emphasis.values(), Choices::emphasisName);
    }

    /** {@code NO_NORM} → {@code no-norm}: the enum name as the CLI spells it. */
    static String emphasisName(Emphasis emphasis) {
        return emphasis.name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * The constant whose {@code name} matches {@code value}, ignoring case, surrounding blanks and
     * {@code _} for {@code -}; otherwise a usage error listing every constant's name.
     */
    static <E extends Enum<E>> E oneOf(String option, String value, E[] constants, Function<E, String> name) {
        String wanted = normalized(value);
        for (E constant : constants) {
            if (normalized(name.apply(constant)).equals(wanted)) {
                return constant;
            }
        }
        throw new UsageException(option + ": unknown '" + value + "', expected one of "
                + String.join(", ", names(constants, name)));
    }

    static <E extends Enum<E>> List<String> names(E[] constants, Function<E, String> name) {
        return Arrays.stream(constants).map(name).toList();
    }

    private static String normalized(String value) {
        return value.strip().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    /**
     * An enum's CLI names for picocli's {@code ${COMPLETION-CANDIDATES}} in help texts (picocli wants a
     * class with a no-argument constructor per list, hence the one-line subclasses below).
     */
    abstract static class EnumNames<E extends Enum<E>> implements Iterable<String> {
        private final E[] constants;
        private final Function<E, String> name;

        EnumNames(E[] constants, Function<E, String> name) {
            this.constants = constants;
            this.name = name;
        }

        @Override
        public Iterator<String> iterator() {
            return names(constants, name).iterator();
        }
    }

    static final class SchedulerNames extends EnumNames<SchedulerKind> {
        SchedulerNames() {
            super(SchedulerKind.values(), SchedulerKind::cliName);
        }
    }

    static final class SpacingNames extends EnumNames<TimestepSpacing> {
        SpacingNames() {
            super(TimestepSpacing.values(), TimestepSpacing::configName);
        }
    }

    static final class EmphasisNames extends EnumNames<Emphasis> {
        EmphasisNames() {
            super(Emphasis.values(), Choices::emphasisName);
        }
    }

    static final class DeviceNames extends EnumNames<Device> {
        DeviceNames() {
            super(Device.values(), Device::cliName);
        }
    }
}
