package dev.atelier.cli;

import dev.atelier.compare.Axis;
import dev.atelier.compare.AxisParser;
import dev.atelier.compare.LibraryAxisParser;
import dev.atelier.compare.CellEvent;
import dev.atelier.compare.CellSettings;
import dev.atelier.compare.CellStatus;
import dev.atelier.compare.GridEstimate;
import dev.atelier.compare.GridExtension;
import dev.atelier.compare.GridManifest;
import dev.atelier.compare.GridOutputs;
import dev.atelier.compare.GridPlan;
import dev.atelier.compare.GridRun;
import dev.atelier.compare.GridRunner;
import dev.atelier.compare.ManifestCell;
import dev.atelier.compare.ManifestException;
import dev.atelier.compare.ManifestJson;
import dev.atelier.compare.SavedGrid;
import dev.atelier.image.AtomicFiles;
import dev.atelier.image.ProvenancePolicy;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.GenerationLimits;
import dev.atelier.pipeline.GenerationRequest;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code compare}: a grid over models, seeds, settings and prompt fields, each cell a job on the
 * queue, written as its own PNG, with a manifest and a grid sheet; or a saved grid re-run,
 * resumed or extended from its manifest.
 */
@Command(name = "compare", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Run a comparison grid (axes: model, seed, scheduler, guidance, steps, size, a prompt field, sr, "
                + "preset, variant), or re-run / extend a saved one from its manifest.")
final class CompareCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions = new ModelOptions();
    @Option(names = "--prompt", paramLabel = "TEXT", description = "Plain prompt (or the structured fields below).")
    String prompt;
    @Mixin
    PromptFieldOptions fieldOptions = new PromptFieldOptions();
    @Mixin
    SamplingOptions sampling = new SamplingOptions();
    @Option(names = "--size", paramLabel = "WxH", description = "Width and height of every cell, e.g. 512x512.")
    String size;
    @Option(names = "--axis", paramLabel = "NAME=VALUES", description = "An axis, e.g. seed=1-4, scheduler=ddim,euler-a, "
            + "\"style=watercolor|pixel art\" (values split on | when present, else on ,). Repeatable: columns, rows, pages.")
    List<String> axes = new ArrayList<>();
    @Option(names = "--out", paramLabel = "FILE", description = "The grid sheet PNG (more pages beside it as NAME-page2.png ...).")
    String out;
    @Option(names = "--cells", paramLabel = "DIR", description = "Folder for one PNG per cell (default: NAME-cells beside --out).")
    String cells;
    @Option(names = "--manifest", paramLabel = "FILE", description = "The grid's manifest JSON (default: NAME.json beside --out); "
            + "given alone, an existing manifest (or the grid PNG, which carries it) is resumed, re-run or extended.")
    String manifest;
    @Option(names = "--rerun", paramLabel = "CELL", description = "With --manifest: run cell CELL (display index) again.")
    Integer rerun;
    @Option(names = "--extend", paramLabel = "NAME=VALUES", description = "With --manifest: add values to an axis; only new cells run.")
    String extend;
    @Option(names = "--yes", description = "Start grids of more than " + GridPlan.CONFIRM_ABOVE + " cells without asking.")
    boolean yes;
    @Option(names = "--no-label", description = "Leave out the AI provenance label (XMP) of the cell images and the sheet.")
    boolean noLabel;
    @Option(names = "--label-prompt", description = "Also put the prompt into the provenance label (each cell's; the sheet's"
            + " lists the grid's prompts).")
    boolean labelPrompt;
    @Mixin
    HistoryOptions historyOptions = new HistoryOptions();
    @Option(names = "--no-reuse", description = "Generate every cell, even one whose settings (same model files) are "
            + "already in the history; without it such a cell is copied from there.")
    boolean noReuse;
    @Option(names = "--memory-budget", paramLabel = "SIZE", description = "Refuse cells estimated above SIZE (default: 75%% of memory).")
    String memoryBudget;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        long budget = Choices.memoryBudget(memoryBudget);
        boolean resume = axes.isEmpty() && manifest != null;
        GridExtension work = resume ? fromManifest() : newGrid();
        Path manifestFile = resume ? resumedManifestFile()
                : manifest != null ? Choices.path("--manifest", manifest) : SavedGrid.sibling(sheetFile(), ".json");
        Path sheet = sheetFile();
        Path cellsDir = cells != null ? Choices.path("--cells", cells) : SavedGrid.sibling(sheet, "-cells");
        checkFolders(sheet, manifestFile, cellsDir);
        List<ManifestCell> toRun = work.toRun();
        checkLimits(toRun);
        GridPlan plan = work.manifest().plan();
        // --rerun asks for a fresh generation of its cell, so it never takes it from the history
        boolean reuse = !noReuse && rerun == null && !historyOptions.noHistory;
        GridEstimate estimate = CellEstimates.estimate(toRun, CliData.folder(spec), historyOptions.noHistory, reuse);
        stdout.println("compare: " + plan.columns() + " x " + plan.rows() + " x " + plan.pages() + " grid; this run: "
                + estimate.describe());
        stdout.flush();
        if (toRun.size() > GridPlan.CONFIRM_ABOVE && !yes) {
            throw new UsageException("the grid has " + toRun.size() + " cells to run, more than " + GridPlan.CONFIRM_ABOVE
                    + "; add --yes to start it");
        }
        GridOutputs outputs = new GridOutputs(cellsDir, manifestFile, sheet, ProvenancePolicy.atelier(noLabel, labelPrompt));
        GridManifest end = run(work, outputs, budget, reuse, stdout);
        long failed = toRun.stream().map(c -> end.cell(index(end, c)).status()).filter(s -> s == CellStatus.FAILED).count();
        long cancelled = toRun.stream().map(c -> end.cell(index(end, c)).status()).filter(s -> s == CellStatus.CANCELLED).count();
        stdout.println("wrote " + sheet + " and " + manifestFile);
        stdout.flush();
        if (cancelled > 0) {
            spec.commandLine().getErr().println("compare: cancelled; " + cancelled + " cells did not run (finished cells "
                    + "are kept; resume with --manifest " + manifestFile + ")");
            return Failures.CANCELLED;
        }
        if (failed > 0) {
            spec.commandLine().getErr().println("compare: " + failed + " of " + toRun.size() + " cells failed (see above)");
            return Failures.INTERNAL;
        }
        return 0;
    }

    private static int index(GridManifest m, ManifestCell c) {
        return m.cells().stream().filter(x -> x.hash().equals(c.hash())).findFirst().orElseThrow().index();
    }

    private GridManifest run(GridExtension work, GridOutputs outputs, long budget, boolean reuse, PrintWriter stdout)
            throws Exception {
        AtomicReference<GridRun> current = new AtomicReference<>();
        AtomicInteger ended = new AtomicInteger();
        int total = work.toRun().size();
        try (GridQueue queue = GridQueue.open(CliData.folder(spec), !historyOptions.noHistory, spec.commandLine().getErr(), budget);
             Interruption interruption = Interruption.onSignal(() -> {
                 GridRun r = current.get();
                 if (r != null) {
                     r.cancel();
                 }
             })) {
            GridManifest m = work.manifest();
            queue.queue().pause(); // the handle exists before the first cell ends
            GridRun run = new GridRunner(queue.queue(), modelOptions.device(), reuse ? queue.store() : null).start(work, outputs, e -> {
                if (e.isFinal()) {
                    synchronized (stdout) {
                        stdout.println(progressLine(ended.incrementAndGet(), total, m, e));
                        stdout.flush();
                    }
                }
            });
            current.set(run);
            queue.queue().resume();
            run.await(Duration.ofDays(365));
            if (run.takenFromHistory() > 0) {
                stdout.println(run.takenFromHistory() + " of " + total + " cells taken from the history, "
                        + run.queued() + " generated (--no-reuse generates every cell)");
            }
            if (run.writeFailure() != null) {
                throw run.writeFailure();
            }
            return run.manifest();
        }
    }

    private static String progressLine(int n, int total, GridManifest m, CellEvent e) {
        String where = "cell " + e.cell() + " " + describe(m, e.cell());
        String head = String.format(Locale.ROOT, "[%d/%d] %s: ", n, total, where);
        return head + switch (e) {
            case CellEvent.CellFinished f -> String.format(Locale.ROOT, "done in %.2f s -> %s",
                    f.result().timings().totalNanos() / 1e9, f.file());
            case CellEvent.FromHistory h -> "from history #" + h.historyId() + " -> " + h.file();
            case CellEvent.CellFailed f -> "failed: " + Failures.oneLine(f.message());
            case CellEvent.CellCancelled c -> "cancelled";
            case CellEvent.CellStep s -> "";
        };
    }

    /** A cell's axis values, e.g. {@code (seed=2, scheduler=ddim)}. */
    private static String describe(GridManifest m, int cell) {
        List<String> parts = new ArrayList<>();
        List<Integer> pos = m.cell(cell).position();
        for (int k = 0; k < m.axes().size(); k++) {
            parts.add(m.axes().get(k).name() + "=" + m.axes().get(k).values().get(pos.get(k)));
        }
        return "(" + String.join(", ", parts) + ")";
    }

    /** A new grid from the options: base settings, axes, every cell in execution order. */
    private GridExtension newGrid() throws IOException {
        if (rerun != null || extend != null) {
            throw new UsageException((rerun != null ? "--rerun" : "--extend") + ": needs --manifest of a saved grid and no --axis");
        }
        if (axes.isEmpty()) {
            throw new UsageException("--axis: give at least one axis, e.g. --axis seed=1-4 (or --manifest FILE to resume a grid)");
        }
        if (out == null) {
            throw new UsageException("--out: the grid sheet file is required, e.g. --out grid.png");
        }
        CellSettings base = GridBase.settings(modelOptions, prompt, fieldOptions, sampling, size);
        AxisParser parser = parser();
        List<Axis> parsed = new ArrayList<>();
        for (String a : axes) {
            parsed.add(parseAxis("--axis", parser, a, base));
        }
        GridPlan plan;
        try {
            plan = GridPlan.of(parsed, base);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--axis: " + e.getMessage());
        }
        GridManifest m = GridManifest.of(plan);
        return new GridExtension(m, plan.executionOrder().stream().map(c -> m.cell(c.index())).toList());
    }

    /** A saved grid: re-run one cell, extend an axis, or resume the cells that did not finish. */
    private GridExtension fromManifest() throws IOException {
        if (rerun != null && extend != null) {
            throw new UsageException("--rerun: give --rerun or --extend, not both");
        }
        Path file = Choices.path("--manifest", manifest);
        if (!Files.isRegularFile(file)) {
            throw new UsageException("--manifest: " + file + " does not exist; expected the JSON a compare run wrote"
                    + " (or give --axis to start a new grid)");
        }
        GridManifest m;
        try {
            m = SavedGrid.open(file).manifest(); // the JSON, or the grid PNG that carries it
        } catch (ManifestException e) {
            throw new UsageException("--manifest: " + e.getMessage());
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new UsageException("--manifest: " + file + " is not UTF-8 text; expected the JSON a compare run wrote"
                    + " or its grid PNG");
        }
        Path folder = file.toAbsolutePath().normalize().getParent();
        List<ManifestCell> missing = m.missingFiles(folder);
        if (rerun != null) {
            try {
                return m.rerun(rerun);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--rerun: " + e.getMessage());
            }
        }
        if (!missing.isEmpty()) {
            ManifestCell first = missing.getFirst();
            throw new UsageException("--manifest: the file of cell " + first.index() + " (" + first.file() + ") was deleted"
                    + (missing.size() > 1 ? " (and " + (missing.size() - 1) + " more)" : "")
                    + "; re-run it with --rerun " + first.index() + " (the other cells are kept)");
        }
        if (extend != null) {
            Axis more = parseAxis("--extend", parser(), extend, m.base());
            try {
                return m.extend(more);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--extend: " + e.getMessage());
            }
        }
        GridPlan plan = m.plan();
        return new GridExtension(m, plan.executionOrder().stream().map(c -> m.cell(c.index()))
                .filter(c -> c.status() != CellStatus.DONE).toList());
    }

    private static Axis parseAxis(String option, AxisParser parser, String text, CellSettings base) {
        try {
            return parser.parse(text, base);
        } catch (IllegalArgumentException e) {
            throw new UsageException(option + ": " + e.getMessage());
        }
    }

    /** Axes find presets in the library and expand variants with the wildcards folder. */
    private AxisParser parser() {
        return LibraryAxisParser.of(CliData.folder(spec).root());
    }

    /**
     * Each cell's steps, size and guidance against its model's limits, so a size the model
     * rejects stops the grid before it starts; a model that does not load is left to fail its cells.
     */
    private static void checkLimits(List<ManifestCell> cells) {
        Map<String, Optional<ModelFolder>> folders = new HashMap<>();
        for (ManifestCell c : cells) {
            Optional<ModelFolder> folder = folders.computeIfAbsent(c.settings().model(), CompareCommand::openQuietly);
            if (folder.isEmpty()) {
                continue;
            }
            GenerationRequest r = c.settings().request();
            GenerationLimits limits = GenerationLimits.of(folder.get(), r.scheduler(), r.timestepSpacing());
            String where = "cell " + c.index() + " (model " + c.settings().model() + "): ";
            limits.stepsProblem(r.steps()).ifPresent(p -> fail(where + "steps: " + p));
            GenerationLimits.guidanceProblem(r.guidance()).ifPresent(p -> fail(where + "guidance: " + p));
            limits.sideProblem("width", r.width()).ifPresent(p -> fail(where + p));
            limits.sideProblem("height", r.height()).ifPresent(p -> fail(where + p));
        }
    }

    private static Optional<ModelFolder> openQuietly(String dir) {
        try {
            return Optional.of(ModelFolder.open(Path.of(dir)));
        } catch (RuntimeException e) {
            return Optional.empty(); // its cells fail with the loader's message; the other cells run
        }
    }

    private static void fail(String message) {
        throw new UsageException(message);
    }

    private Path sheetFile() {
        if (out == null) {
            return SavedGrid.sibling(Choices.path("--manifest", manifest), ".png");
        }
        Path target = Choices.path("--out", out);
        if (!SavedGrid.isSheet(target)) {
            throw new UsageException("--out: '" + out + "' must be a .png file");
        }
        return target;
    }

    /** Where a resumed grid's manifest is written: the given JSON, or the JSON beside a given grid PNG. */
    private Path resumedManifestFile() {
        Path file = Choices.path("--manifest", manifest);
        return SavedGrid.isSheet(file) ? SavedGrid.sibling(file, ".json") : file;
    }

    private static void checkFolders(Path sheet, Path manifestFile, Path cellsDir) {
        for (Path file : List.of(sheet, manifestFile)) {
            Path parent = file.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new UsageException("folder " + parent + " (for " + file.getFileName() + ") does not exist");
            }
            AtomicFiles.sweepStale(parent);
            try {
                AtomicFiles.checkWritable(file);
            } catch (IOException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (Files.exists(cellsDir) && !Files.isDirectory(cellsDir)) {
            throw new UsageException("--cells: '" + cellsDir + "' is a file; expected a folder (created when missing)");
        }
    }
}
