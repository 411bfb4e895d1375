package dev.atelier.cli;

import dev.atelier.image.LatentPreview;
import dev.atelier.image.PngFiles;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.job.Batches;
import dev.atelier.job.JobOutput;
import dev.atelier.job.JobSpec;
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
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code generate}: one image (or a batch, seeds s, s+1, ...) from a prompt through the job queue,
 * written atomically as PNG with A1111 parameters and recorded in the history.
 */
@Command(name = "generate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Generate images and write them as PNG (with A1111 'parameters' text); each is also kept in the history.")
final class GenerateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions = new ModelOptions();
    @Option(names = "--prompt", paramLabel = "TEXT", description = "Prompt (A1111 syntax: (word:1.2), [word], BREAK; {a|b} and __wildcard__ expanded from the seed).")
    String prompt;
    @Mixin
    SamplingOptions sampling = new SamplingOptions();
    @Mixin
    GenerateSources sources = new GenerateSources();
    @Option(names = "--previews", paramLabel = "DIR", description = "Write each step's latent preview PNG into DIR.")
    String previews;
    @Option(names = "--out", required = true, paramLabel = "FILE.png", description = "Output PNG (a batch writes FILE-1.png, FILE-2.png, ...).")
    String out;
    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "Images from this request, seeds s, s+1, ... (default: ${DEFAULT-VALUE}).")
    int batch = 1;
    @Mixin
    HistoryOptions historyOptions = new HistoryOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        Path target = outputFile();
        Path previewDir = previews == null ? null : Choices.path("--previews", previews);
        ModelFolder folder = modelOptions.folder();
        GenerationRequest request = request(folder);
        if (previewDir != null) {
            Files.createDirectories(previewDir);
        }
        StepListener listener = listener(stdout, previewDir, folder.geometry().vaeScaleFactor());
        Batches.expand(JobSpec.of(request, folder.root(), modelOptions.device()), batch, 1); // checks --batch
        QueueRun run = new QueueRun(CliData.folder(spec), !historyOptions.noHistory, spec.commandLine().getErr());
        List<JobOutput> outputs;
        try {
            outputs = run.run(JobSpec.of(request, folder.root(), modelOptions.device()), batch, listener);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        for (int k = 0; k < outputs.size(); k++) {
            GenerationResult result = outputs.get(k).result();
            Path file = batch == 1 ? target : numbered(target, k + 1);
            PngFiles.write(result.image(), sources.texts(ParametersText.text(result)),
                    sources.label(result.modelName(), result.settings().prompt()), file);
            result.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
            GenerationRequest s = result.settings();
            stdout.printf(Locale.ROOT, "wrote %s (%dx%d, seed %d, %s %d steps, cfg %s) on %s; %s%n", file,
                    s.width(), s.height(), s.seed(), s.scheduler().cliName(), s.steps(), s.guidance(),
                    result.provider().used().name(), result.timings().summary());
        }
        stdout.flush();
        return 0;
    }

    /** {@code out.png} → {@code out-3.png}. */
    private static Path numbered(Path target, int k) {
        String name = target.getFileName().toString();
        return target.resolveSibling(name.substring(0, name.length() - 4) + "-" + k + ".png");
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

    GenerationRequest request(ModelFolder folder) throws IOException {
        return sources.request(prompt, sampling, folder);
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
