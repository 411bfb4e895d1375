package dev.atelier.cli;

import dev.atelier.image.AtomicFiles;
import dev.atelier.image.LatentPreview;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenanceLabel;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.job.Batches;
import dev.atelier.job.JobOutput;
import dev.atelier.job.JobSpec;
import dev.atelier.pipeline.GenerationCancelledException;
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
import java.util.Map;
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
    PromptFieldOptions fieldOptions = new PromptFieldOptions();
    @Mixin
    SamplingOptions sampling = new SamplingOptions();
    @Mixin
    GenerateSources sources = new GenerateSources();
    @Option(names = "--previews", paramLabel = "DIR", description = "Write each step's latent preview PNG into DIR.")
    String previews;
    @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output PNG file, name ending in .png (a batch writes FILE-1.png, FILE-2.png, ...).")
    String out;
    @Option(names = "--batch", paramLabel = "N", defaultValue = "1", description = "Images from this request, seeds s, s+1, ... (default: ${DEFAULT-VALUE}).")
    int batch = 1;
    @Mixin
    HistoryOptions historyOptions = new HistoryOptions();
    @Option(names = "--memory-budget", paramLabel = "SIZE", description = "Refuse requests estimated above SIZE "
            + "(e.g. 8G; default: 75%% of the machine's memory).")
    String memoryBudget;
    @Mixin
    OrtThreadOptions threads = new OrtThreadOptions();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        threads.apply();
        Path target = outputFile();
        Path previewDir = previewFolder(target);
        long budget = Choices.memoryBudget(memoryBudget);
        ModelFolder folder = modelOptions.folder();
        GenerationRequest request = request(folder);
        StepListener listener = listener(stdout, previewDir, folder.geometry().vaeScaleFactor(),
                sources.label(folder.name(), request.prompt()));
        Batches.expand(JobSpec.of(request, folder.root(), modelOptions.device()), batch, 1); // checks --batch
        QueueRun run = new QueueRun(CliData.folder(spec), !historyOptions.noHistory, spec.commandLine().getErr(), budget);
        List<JobOutput> outputs;
        try (Interruption interruption = Interruption.onSignal(run::cancelAll)) {
            try {
                outputs = run.run(JobSpec.of(request, folder.root(), modelOptions.device()), batch, listener);
            } catch (GenerationCancelledException e) {
                // printed here, before the interruption hook lets the JVM exit
                spec.commandLine().getErr().println(spec.qualifiedName() + ": " + e.getMessage());
                spec.commandLine().getErr().flush();
                return Failures.CANCELLED;
            }
            for (int k = 0; k < outputs.size(); k++) {
                GenerationResult result = outputs.get(k).result();
                Path file = batch == 1 ? target : numbered(target, k + 1);
                try {
                    PngFiles.write(result.image(), sources.texts(ParametersText.text(result)),
                            sources.label(result.modelName(), result.settings().prompt()), file);
                } catch (IOException e) {
                    // printed here: after a signal the interruption hook lets the JVM exit once this block ends
                    return Failures.onExecutionError(e, spec.commandLine(), null);
                }
                result.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w));
                GenerationRequest s = result.settings();
                stdout.printf(Locale.ROOT, "wrote %s (%dx%d, seed %d, %s %d steps, cfg %s) on %s; %s%n", file,
                        s.width(), s.height(), s.seed(), s.scheduler().cliName(), s.steps(), s.guidance(),
                        result.provider().used().name(), result.timings().summary());
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        stdout.flush();
        return 0;
    }

    /** {@code out.png} → {@code out-3.png}. */
    private static Path numbered(Path target, int k) {
        String name = target.getFileName().toString();
        return target.resolveSibling(name.substring(0, name.length() - 4) + "-" + k + ".png");
    }

    /** The output file, checked up front by creating and deleting its temp file (a late failure wastes a run). */
    private Path outputFile() {
        Path target = Choices.path("--out", out);
        if (target.getFileName() == null
                || !target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".png")) {
            throw new UsageException("--out: '" + out + "' must be a .png file");
        }
        Path parent = target.toAbsolutePath().getParent();
        if (parent == null || !Files.isDirectory(parent)) {
            throw new UsageException("--out: folder " + parent + " does not exist");
        }
        if (Files.isDirectory(target)) {
            throw new UsageException("--out: '" + out + "' is a folder; expected a .png file");
        }
        AtomicFiles.sweepStale(parent);
        checkWritable("--out", target);
        return target;
    }

    /** The previews folder (created), or null; never the output file, never an existing plain file. */
    private Path previewFolder(Path target) throws IOException {
        if (previews == null) {
            return null;
        }
        Path dir = Choices.path("--previews", previews);
        if (dir.toAbsolutePath().normalize().equals(target.toAbsolutePath().normalize())) {
            throw new UsageException("--previews: '" + previews + "' is the --out file; expected a folder for the"
                    + " step previews");
        }
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--previews: '" + previews + "' is a file; expected a folder (it is created"
                    + " when missing)");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UsageException("--previews: cannot create folder '" + previews + "' (" + e.getMessage() + ")");
        }
        AtomicFiles.sweepStale(dir);
        checkWritable("--previews", dir.resolve(previewName(999)));
        return dir;
    }

    private static void checkWritable(String option, Path file) {
        try {
            AtomicFiles.checkWritable(file);
        } catch (IOException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    private static String previewName(int step) {
        return String.format(Locale.ROOT, "step-%03d.png", step);
    }

    GenerationRequest request(ModelFolder folder) throws IOException {
        fieldOptions.checkNotWith(prompt);
        return sources.request(prompt, fieldOptions.any() ? fieldOptions.presetPrompt(sampling.negative) : null,
                sampling, folder);
    }

    /** Progress lines and, with --previews, each step's preview PNG (labelled like the image). */
    private static StepListener listener(PrintWriter stdout, Path previewDir, int upscale, ProvenanceLabel label) {
        StepListener progress = new ProgressPrinter(stdout, ProgressPrinter.interactive());
        if (previewDir == null) {
            return progress; // text only: the pipeline skips rendering previews
        }
        return (StepState state) -> { // wants previews (the StepListener default)
            progress.onStep(state);
            if (state.preview() != null) {
                Path file = previewDir.resolve(previewName(state.index() + 1));
                try {
                    PngFiles.write(LatentPreview.upscaleNearest(state.preview(), upscale), Map.of(), label, file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        };
    }
}
