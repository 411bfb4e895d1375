package dev.atelier.cli;

import dev.atelier.onnx.Device;
import dev.atelier.onnx.ModelFolder;
import picocli.CommandLine.Option;

/** {@code --model} and {@code --device}, shared (as a picocli mixin) by the commands that run a pipeline. */
final class ModelOptions {
    @Option(names = "--model", paramLabel = "DIR", description = "Model folder (diffusers ONNX layout). Default: the embedded models/tiny-shapes.")
    String model;
    @Option(names = "--device", paramLabel = "DEV", defaultValue = "cpu", completionCandidates = Choices.DeviceNames.class,
            description = "${COMPLETION-CANDIDATES} (cuda falls back to cpu with a warning; default: ${DEFAULT-VALUE}).")
    String device = "cpu";

    /** The opened model folder; a usage error names a bad path. */
    ModelFolder folder() {
        return Choices.model(model);
    }

    /** The requested device; a usage error names an unknown one. */
    Device device() {
        return Choices.device(device);
    }
}
