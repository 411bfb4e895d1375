package dev.atelier.cli;

import dev.atelier.compare.AblationPlan;
import dev.atelier.compare.AblationRunner;
import dev.atelier.compare.CellSettings;
import dev.atelier.image.ProvenancePolicy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;

/**
 * {@code ablate}: the prompt once in full and once with each non-empty structured field left
 * out (same seed and settings), with a number per field for how much it changed the image.
 */
@Command(name = "ablate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Prompt ablation: the full prompt and one image per left-out non-empty field, with how much each field "
                + "changed the image (ablation.json, sorted).")
final class AblateCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions = new ModelOptions();
    @Option(names = "--prompt", paramLabel = "TEXT", description = "Plain prompt (one field: only useful with --negative).")
    String prompt;
    @Mixin
    PromptFieldOptions fieldOptions = new PromptFieldOptions();
    @Mixin
    SamplingOptions sampling = new SamplingOptions();
    @Option(names = "--size", paramLabel = "WxH", description = "Width and height, e.g. 512x512.")
    String size;
    @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder for full.png, without-FIELD.png and ablation.json (created).")
    String out;
    @Option(names = "--no-label", description = "Leave out the AI provenance label (XMP).")
    boolean noLabel;
    @Mixin
    HistoryOptions historyOptions = new HistoryOptions();
    @Option(names = "--memory-budget", paramLabel = "SIZE", description = "Refuse images estimated above SIZE (default: 75%% of memory).")
    String memoryBudget;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        long budget = Choices.memoryBudget(memoryBudget);
        Path dir = Choices.path("--out", out);
        if (Files.exists(dir) && !Files.isDirectory(dir)) {
            throw new UsageException("--out: '" + out + "' is a file; expected a folder (created when missing)");
        }
        CellSettings base = GridBase.settings(modelOptions, prompt, fieldOptions, sampling, size);
        AblationPlan plan;
        try {
            plan = AblationPlan.of(base);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--prompt: " + e.getMessage());
        }
        stdout.println("ablate: " + (plan.variants().size() + 1) + " images (full prompt and "
                + plan.variants().size() + " left-out fields)");
        stdout.flush();
        AblationRunner.Outcome outcome;
        try (GridQueue queue = GridQueue.open(CliData.folder(spec), !historyOptions.noHistory, spec.commandLine().getErr(), budget);
             Interruption interruption = Interruption.onSignal(() -> {
                 queue.queue().cancelPending();
                 queue.queue().cancelRunning();
             })) {
            outcome = new AblationRunner(queue.queue(), modelOptions.device()).run(plan, dir,
                    ProvenancePolicy.atelier(noLabel, false), line -> {
                        stdout.println(line);
                        stdout.flush();
                    });
        }
        for (AblationPlan.FieldEffect e : outcome.ranked()) {
            stdout.printf(Locale.ROOT, "%-12s %.2f%n", e.field().axisName(), e.difference());
        }
        stdout.println("wrote " + dir.resolve(AblationRunner.NUMBERS_FILE));
        stdout.flush();
        if (!outcome.complete()) {
            spec.commandLine().getErr().println(spec.qualifiedName() + ": cancelled; " + outcome.notRun().size()
                    + " left-out fields did not run (the images made are kept)");
            return Failures.CANCELLED;
        }
        return 0;
    }
}
