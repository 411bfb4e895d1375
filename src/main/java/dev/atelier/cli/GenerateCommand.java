package dev.atelier.cli;

import dev.atelier.image.LatentPreview;
import dev.atelier.image.PngFiles;
import dev.atelier.onnx.ModelDefaults;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.DiffusionPipeline;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.GenerationResult;
import dev.atelier.pipeline.ParametersText;
import dev.atelier.pipeline.StepListener;
import dev.atelier.pipeline.StepState;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code generate}: one image from a prompt, written atomically as a PNG with A1111 parameters. */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate one image and write it as PNG (with A1111 'parameters' text).")
final class GenerateCommand implements Callable<Integer> {
    @Option(names = "--model", paramLabel = "DIR", description = "Model folder (diffusers ONNX layout). Default: the embedded models/tiny-shapes.")
    String model;
    @Option(names = "--prompt", required = true, paramLabel = "TEXT", description = "Prompt (A1111 syntax: (word:1.2), [word], BREAK).")
    String prompt;
    @Option(names = "--negative", paramLabel = "TEXT", description = "Negative prompt.")
    String negative;
    @Option(names = "--seed", paramLabel = "N", description = "Seed 0..2^63-1 (default: random, printed).")
    Long seed;
    @Option(names = "--steps", paramLabel = "N", description = "Denoising steps (default: the model's, else 20).")
    Integer steps;
    @Option(names = "--cfg", paramLabel = "X", description = "Guidance scale (default: the model's, else 7.5).")
    Double cfg;
    @Option(names = "--scheduler", paramLabel = "NAME", description = "ddim, euler, euler-a, dpmpp-2m, dpmpp-2m-karras, pndm, lcm (default: the model's).")
    String scheduler;
    @Option(names = "--timestep-spacing", paramLabel = "NAME", description = "leading, trailing or linspace (default: the scheduler config's).")
    String spacing;
    @Option(names = "--width", paramLabel = "W", description = "Width in pixels (default: the model's).")
    Integer width;
    @Option(names = "--height", paramLabel = "H", description = "Height in pixels (default: the model's).")
    Integer height;
    @Option(names = "--emphasis", paramLabel = "MODE", defaultValue = "original", description = "original, no-norm or none (default: ${DEFAULT-VALUE}).")
    String emphasis;
    @Option(names = "--device", paramLabel = "DEV", defaultValue = "cpu", description = "cpu or cuda (falls back to cpu with a warning).")
    String device;
    @Option(names = "--previews", paramLabel = "DIR", description = "Write each step's latent preview PNG into DIR.")
    String previews;
    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Output PNG.")
    String out;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws IOException {
        PrintWriter stdout = spec.commandLine().getOut();
        Path target = outputFile();
        Path previewDir = previews == null ? null : Choices.path("--previews", previews);
        ModelFolder folder = Choices.model(model);
        GenerationRequest request = request(folder);
        if (previewDir != null) {
            Files.createDirectories(previewDir);
        }
        StepListener listener = listener(stdout, previewDir, folder.geometry().vaeScaleFactor());
        GenerationResult result;
        try (DiffusionPipeline pipeline = new DiffusionPipeline(folder, Choices.device(device))) {
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
        ModelDefaults d = folder.defaults();
        long s = seed != null ? seed : new SplittableRandom().nextLong(0, Long.MAX_VALUE);
        return new GenerationRequest(prompt, negative, s, steps != null ? steps : d.steps(),
                cfg != null ? cfg : d.guidance(), Choices.scheduler(scheduler), Choices.spacing(spacing),
                width != null ? width : d.width(), height != null ? height : d.height(), Choices.emphasis(emphasis));
    }

    private static StepListener listener(PrintWriter stdout, Path previewDir, int upscale) {
        StepListener progress = new ProgressPrinter(stdout, ProgressPrinter.interactive());
        if (previewDir == null) {
            return progress;
        }
        return (StepState state) -> {
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
