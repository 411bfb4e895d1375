package dev.atelier.cli;

import dev.atelier.image.LatentPreview;
import dev.atelier.image.PngFiles;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.DiffusionPipeline;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.GenerationResult;
import dev.atelier.pipeline.ParametersText;
import dev.atelier.pipeline.StepListener;
import dev.atelier.pipeline.StepState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code generate}: one image from a prompt, written atomically as a PNG with A1111 parameters. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate one image and write it as PNG (with A1111 'parameters' text).")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions = new ModelOptions();
    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "Prompt (A1111 syntax: (word:1.2), [word], BREAK).")
    String prompt;
    @Mixin
    SamplingOptions sampling = new SamplingOptions();
    @Option(names = "--previews", paramLabel = "DIR", description = "Write each step's latent preview PNG into DIR.")
    String previews;
    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Output PNG.")
    String out;
    @Mixin
    OrtThreadOptions threads = new OrtThreadOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        threads.apply();
        Path target = outputFile();
        Path previewDir = previews == null ? null : Choices.path("--previews", previews);
        ModelFolder folder = modelOptions.folder();
        GenerationRequest request = request(folder);
        if (previewDir != null) {
            Files.createDirectories(previewDir);
        }
        StepListener listener = listener(stdout, previewDir, folder.geometry().vaeScaleFactor());
        GenerationResult result;
        try (DiffusionPipeline pipeline = new DiffusionPipeline(folder, modelOptions.device())) {
            result = pipeline.generate(request, listener, new CancelFlag());
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        PngFiles.write(result.image(), ParametersText.text(result), target);
        result.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
        GenerationRequest s = result.settings();
        stdout.printf(Locale.ROOT, "wrote %s (%dx%d, seed %d, %s %d steps, cfg %s) on %s; %s%n", target,
                s.width(), s.height(), s.seed(), s.scheduler().cliName(), s.steps(), s.guidance(),
                result.provider().used().name(), result.timings().summary());
        stdout.flush();
        return 0;
    }

    private Path outputFile() {
        Path target = Choices.path("--out", out);
        if (!target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UsageException("--out: '" + out + "' must be a .png file");
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException("--out: folder " + parent + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new UsageException("--out: '" + out + "' is a folder; expected a .png file");
        }
        return target;
    }

    GenerationRequest request(ModelFolder folder) {
        return sampling.request(prompt, folder);
    }

    private static StepListener listener(PrintWriter stdout, Path previewDir, int upscale) {
        StepListener progress = new ProgressPrinter(stdout, ProgressPrinter.interactive());
        if (previewDir == null) {
            return progress; // text only: the pipeline skips rendering previews
        }
        return (StepState state) -> { // wants previews (the StepListener default)
            progress.onStep(state);
            if (state.preview() != null) {
                Path file = previewDir.resolve(String.format(Locale.ROOT, "step-%03d.png", state.index() + 1));
                try {
                    PngFiles.write(LatentPreview.upscaleNearest(state.preview(), upscale), (String) null, file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
