package dev.atelier.ui.compare;

import dev.atelier.compare.AblationPlan;
import dev.atelier.compare.AblationRunner;
import dev.atelier.compare.Axis;
import dev.atelier.compare.AxisKind;
import dev.atelier.compare.AxisParser;
import dev.atelier.compare.CellEvent;
import dev.atelier.compare.CellSettings;
import dev.atelier.compare.CellStatus;
import dev.atelier.compare.GridExtension;
import dev.atelier.compare.GridManifest;
import dev.atelier.compare.SavedGrid;
import dev.atelier.compare.GridOutputs;
import dev.atelier.compare.GridPlan;
import dev.atelier.compare.GridRun;
import dev.atelier.compare.GridRunner;
import dev.atelier.compare.ManifestCell;
import dev.atelier.compare.PromptPart;
import dev.atelier.compare.HistoryCells;
import dev.atelier.history.HistoryRecord;
import dev.atelier.history.HistoryStore;
import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenancePolicy;
import dev.atelier.job.JobQueue;
import dev.atelier.job.JobSpec;
import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.StepState;
import javafx.util.Duration;
import javafx.util.Subscription;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * What the comparison workbench's form does, without a scene graph: checks the axes as they are
 * typed (parsed off the FX thread, latest wins), estimates, starts a grid through the core
 * {@link GridRunner} on the window's job queue and feeds its cells into a {@link LiveGridModel},
 * cancels, runs a seed sweep and a prompt ablation, opens, re-runs, extends and saves grids, and
 * compares two history items. Public methods run on the FX thread; files, parsing and waiting go
 * to {@code background} (or a thread of their own for what blocks until the queue is done).
 */
public final class CompareSession implements AutoCloseable {
    /** Where the session shows what it made; implemented by the window. */
    public interface Display {
        void showGrid(LiveGridModel grid, CompareController controller);

        void showAblation(AblationModel result);

        /** Brings the A/B view to the front (its model was just filled). */
        void showAb();

        /** An ablation of {@code images} images started: its tab shows it running, with a Cancel. */
        void showAblationRunning(int images);
    }


    private final GridSetupModel setup;
    private final AbModel ab;
    private final JobQueue queue;
    private final ComposerSource composer;
    private final Supplier<AxisParser> parsers;
    private final Supplier<Map<String, Double>> stepTimes;
    private final Path gridsRoot;
    private final ProvenancePolicy provenance;
    private final Supplier<HistoryStore> history;
    private final Executor background;
    /**
     * The history lookups behind the estimates, on the background thread only. The grid's runner checks
     * again with fresh fingerprints, so a model folder changed during the session only skews an estimate.
     */
    private HistoryCells estimateCells;
    private final Executor fx;
    private final Duration playLength;
    private final AtomicLong checks = new AtomicLong();
    private final List<Subscription> subscriptions = new ArrayList<>();
    /** Shows nothing: the window is closed. */
    private static final Display NONE = new Display() {
        @Override
        public void showGrid(LiveGridModel grid, CompareController controller) {
        }

        @Override
        public void showAblation(AblationModel result) {
        }

        @Override
        public void showAb() {
        }

        @Override
        public void showAblationRunning(int images) {
        }
    };
    private Display display = NONE;
    /** The reason the typed grid cannot start (empty when it can), before "a grid is running" is considered. */
    private String problem = GridCheck.NO_AXIS;
    private GridRun run;
    private GridManifest manifest;
    private Path manifestFile;
    private Path sheetFile;
    private LiveGridModel grid;
    private CompareController controller;
    private AblationModel ablation;
    /** The running ablation, or null; Cancel reaches its jobs through it. */
    private AblationRunner ablating;

    /**
     * @param parsers    a parser for each check (called off the FX thread; a fresh one sees presets saved meanwhile)
     * @param stepTimes  mean seconds per step by model folder name from the recent history (called off the FX thread)
     * @param gridsRoot  where new grids and ablations get a folder of their own
     * @param provenance the provenance label policy of the cells' PNGs and the sheets (null: no label)
     * @param history    the history grid cells are taken from when their settings are there (called off
     *                   the FX thread; null or returning null: every cell is generated)
     * @param background file and parsing work (a single thread)
     * @param fx         runs a task on the FX thread
     */
    public CompareSession(GridSetupModel setup, AbModel ab, JobQueue queue, ComposerSource composer, Supplier<AxisParser> parsers,
                          Supplier<Map<String, Double>> stepTimes, Path gridsRoot,
                          ProvenancePolicy provenance, Supplier<HistoryStore> history, Executor background, Executor fx,
                          Duration playLength) {
        this.setup = Objects.requireNonNull(setup, "setup");
        this.ab = Objects.requireNonNull(ab, "ab");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.parsers = Objects.requireNonNull(parsers, "parsers");
        this.stepTimes = Objects.requireNonNull(stepTimes, "stepTimes");
        this.gridsRoot = Objects.requireNonNull(gridsRoot, "gridsRoot");
        this.provenance = provenance;
        this.history = history == null ? () -> null : history;
        this.background = Objects.requireNonNull(background, "background");
        this.fx = Objects.requireNonNull(fx, "fx");
        this.playLength = Objects.requireNonNull(playLength, "playLength");
        for (var text : setup.axisTexts()) {
            subscriptions.add(text.subscribe(t -> check()));
        }
        subscriptions.add(setup.runningProperty().subscribe(r -> updateBlocked()));
    }

    public GridSetupModel setup() {
        return setup;
    }

    public AbModel ab() {
        return ab;
    }

    /** Sets where grids and ablations are shown (null: nowhere); the grid already made is shown there at once. */
    public void setDisplay(Display value) {
        display = value == null ? NONE : value;
        if (grid != null) {
            display.showGrid(grid, controller);
        }
        if (ablation != null) {
            display.showAblation(ablation);
        }
    }

    /** The grid on show, or null. */
    public LiveGridModel grid() {
        return grid;
    }

    /** The manifest of the grid on show as it stands (finished cells have their files), or null. */
    public GridManifest manifest() {
        return run != null ? run.manifest() : manifest;
    }

    /** The manifest file of the grid on show, or null. */
    public Path manifestFile() {
        return manifestFile;
    }

    // ---- checking and starting ----

    /** Re-reads the composer and re-checks the axes (off the FX thread); the newest check wins. */
    public void check() {
        long ticket = checks.incrementAndGet();
        List<String> texts = setup.axisTexts().stream().map(p -> p.get() == null ? "" : p.get()).toList();
        CellSettings base;
        try {
            base = CompareInputs.of(composer.current());
        } catch (RuntimeException e) {
            setup.baseProperty().set("");
            setup.estimateProperty().set("");
            problem = "the composer cannot run: " + e.getMessage();
            updateBlocked();
            return;
        }
        setup.baseProperty().set(describe(base));
        background.execute(() -> {
            GridCheck p = GridCheck.of(texts, base, parsers.get(), stepTimes, fromHistory());
            fx.execute(() -> {
                if (ticket == checks.get()) {
                    apply(p);
                }
            });
        });
    }

    private void apply(GridCheck p) {
        for (int i = 0; i < GridSetupModel.AXES; i++) {
            setup.axisError(i).set(p.errors().get(i));
        }
        setup.estimateProperty().set(p.plan() == null ? "" : p.estimate().describe()
                + (p.plan().needsConfirmation() ? " · more than " + GridPlan.CONFIRM_ABOVE + " cells: Start asks first" : ""));
        problem = p.problem();
        updateBlocked();
    }

    private void updateBlocked() {
        setup.blockedProperty().set(setup.runningProperty().get() ? "wait for the running grid or cancel it" : problem);
    }

    /**
     * Starts the grid the form describes, on the composer's settings now (an unlocked seed rolls,
     * as Generate). A grid of more than {@link GridPlan#CONFIRM_ABOVE} cells starts only when
     * {@code confirm} (called on the FX thread with the question) says yes.
     */
    public void start(Predicate<String> confirm) {
        if (setup.runningProperty().get()) {
            return;
        }
        JobSpec spec = nextRun("Not started");
        if (spec == null) {
            return;
        }
        CellSettings base = CompareInputs.of(spec);
        setup.baseProperty().set(describe(base));
        List<String> texts = setup.axisTexts().stream().map(p -> p.get() == null ? "" : p.get()).toList();
        long ticket = checks.incrementAndGet();
        setup.runningProperty().set(true); // nothing else starts while this one is being planned
        background.execute(() -> {
            GridCheck p = GridCheck.of(texts, base, parsers.get(), stepTimes, fromHistory());
            fx.execute(() -> {
                setup.runningProperty().set(false);
                if (ticket == checks.get()) {
                    apply(p);
                }
                if (p.plan() == null) {
                    setup.statusProperty().set("Not started: " + p.problem());
                    return;
                }
                if (p.plan().needsConfirmation() && !confirm.test("This grid has " + p.plan().cells().size()
                        + " cells, more than " + GridPlan.CONFIRM_ABOVE + ": " + p.estimate().describe() + ". Start it?")) {
                    setup.statusProperty().set("Not started: the grid of " + p.plan().cells().size() + " cells was not confirmed.");
                    return;
                }
                startNew(p.plan(), spec.device(), "grid");
            });
        });
    }

    /** One click: the composer's prompt over {@link GridSetupModel#sweepCountProperty()} consecutive seeds. */
    public void seedSweep() {
        if (setup.runningProperty().get()) {
            return;
        }
        JobSpec spec = nextRun("No seed sweep");
        if (spec == null) {
            return;
        }
        CellSettings base = CompareInputs.of(spec);
        int n = Math.max(1, Math.min(GridSetupModel.MAX_SWEEP, setup.sweepCountProperty().get()));
        List<String> seeds = new ArrayList<>();
        for (long s = base.request().seed(); seeds.size() < n; s = s == Long.MAX_VALUE ? 0 : s + 1) {
            seeds.add(Long.toString(s));
        }
        startNew(GridPlan.of(List.of(new Axis(AxisKind.SEED, null, seeds, List.of())), base), spec.device(), "seeds");
    }

    /** The history, or null when it is not open (yet) or failed to open; off the FX thread. */
    private HistoryStore store() {
        try {
            return history.get();
        } catch (RuntimeException e) {
            return null; // no history: every cell is generated
        }
    }

    /** Which cells a grid started now takes from the history (off the FX thread). */
    private Predicate<CellSettings> fromHistory() {
        HistoryStore store = store();
        if (store == null) {
            return s -> false;
        }
        if (estimateCells == null) {
            estimateCells = new HistoryCells(store); // its model fingerprints last the session: not one per keystroke
        }
        HistoryCells cells = estimateCells;
        return s -> {
            try {
                return cells.has(s);
            } catch (RuntimeException e) {
                return false; // an unreadable history only costs the split in the estimate
            }
        };
    }

    /** The composer's run as Generate would start it, or null (with {@code refused}: the reason in the status line). */
    private JobSpec nextRun(String refused) {
        try {
            return composer.next();
        } catch (RuntimeException e) {
            setup.statusProperty().set(refused + ": the composer cannot run: " + e.getMessage());
            return null;
        }
    }

    private void startNew(GridPlan plan, Device device, String kind) {
        GridManifest m = GridManifest.of(plan);
        GridExtension work = new GridExtension(m, plan.executionOrder().stream().map(c -> m.cell(c.index())).toList());
        setup.runningProperty().set(true);
        background.execute(() -> {
            try {
                Path folder = GridFiles.newFolder(gridsRoot, kind);
                fx.execute(() -> launch(work, folder.resolve("grid.json"), folder.resolve("grid.png"), device, Map.of(), true));
            } catch (IOException e) {
                fx.execute(() -> {
                    setup.runningProperty().set(false);
                    setup.statusProperty().set("Not started: cannot create a folder in " + gridsRoot + ": " + e.getMessage());
                });
            }
        });
    }

    /**
     * Shows {@code work}'s grid (cells that are done and not re-run from their pictures in {@code kept})
     * and runs its cells on the queue; with {@code reuse}, a cell whose settings are in the history
     * is copied from there. FX thread.
     */
    private void launch(GridExtension work, Path manifestAt, Path sheetAt, Device device, Map<Integer, PixelImage> kept,
                        boolean reuse) {
        setup.runningProperty().set(true);
        Set<Integer> toRun = ConcurrentHashMap.newKeySet();
        work.toRun().forEach(c -> toRun.add(c.index()));
        GridFeed feed = show(work.manifest(), manifestAt, sheetAt, kept, toRun);
        setup.statusProperty().set("Running " + work.toRun().size() + (work.toRun().size() == 1 ? " cell" : " cells")
                + " in " + manifestAt.getParent());
        Set<Integer> started = ConcurrentHashMap.newKeySet();
        GridManifest planned = work.manifest();
        background.execute(() -> {
            try {
                GridOutputs outputs = new GridOutputs(GridFiles.cellsDir(planned, manifestAt), manifestAt, sheetAt, provenance);
                GridRun r = new GridRunner(queue, device, reuse ? store() : null)
                        .start(work, outputs, e -> forward(feed, started, planned, e));
                fx.execute(() -> run = r);
                Thread waiter = new Thread(() -> {
                    try {
                        r.await(java.time.Duration.ofDays(365));
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    fx.execute(() -> ended(r));
                }, "atelier-grid-wait");
                waiter.setDaemon(true);
                waiter.start();
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> {
                    setup.runningProperty().set(false);
                    setup.statusProperty().set("The grid could not start: " + e.getMessage());
                });
            }
        });
    }

    /** A queue event of a cell into the live grid (queue threads). */
    private static void forward(GridFeed feed, Set<Integer> started, GridManifest planned, CellEvent e) {
        int cell = e.cell();
        switch (e) {
            case CellEvent.CellStep s -> {
                StepState state = s.state();
                if (started.add(cell)) {
                    feed.cellStarted(cell, state.total());
                }
                if (state.preview() != null) {
                    feed.cellStep(cell, state.index(), state.total(), state.preview());
                }
            }
            case CellEvent.CellFinished f -> {
                if (started.add(cell)) {
                    feed.cellStarted(cell, planned.cell(cell).settings().request().steps());
                }
                feed.cellFinished(cell, f.result().image());
            }
            case CellEvent.FromHistory h -> { // the same settings were generated before: shown at once
                feed.cellStarted(cell, planned.cell(cell).settings().request().steps());
                feed.cellFinished(cell, h.image());
            }
            case CellEvent.CellFailed f -> feed.cellFailed(cell, f.message());
            case CellEvent.CellCancelled c -> feed.cellCancelled(cell);
        }
    }

    private void ended(GridRun r) {
        if (run == r) {
            run = null;
        }
        manifest = r.manifest();
        setup.runningProperty().set(false);
        setup.hasManifestProperty().set(true);
        Map<CellStatus, Integer> counts = new EnumMap<>(CellStatus.class);
        manifest.cells().forEach(c -> counts.merge(c.status(), 1, Integer::sum));
        String outcome = counts.getOrDefault(CellStatus.DONE, 0) + " done"
                + (counts.containsKey(CellStatus.FAILED) ? ", " + counts.get(CellStatus.FAILED) + " failed" : "")
                + (counts.containsKey(CellStatus.CANCELLED) ? ", " + counts.get(CellStatus.CANCELLED) + " cancelled" : "");
        setup.statusProperty().set(r.writeFailure() != null
                ? "Grid ended (" + outcome + ") but its files could not be written: " + r.writeFailure().getMessage()
                : "Grid ended: " + outcome + "; manifest, cells and sheet in " + manifestFile.getParent());
    }

    /** Builds the live grid of {@code m} and shows it; FX thread. Returns its feed. */
    private GridFeed show(GridManifest m, Path manifestAt, Path sheetAt, Map<Integer, PixelImage> kept, Set<Integer> toRun) {
        if (controller != null) {
            controller.player().stop();
        }
        LiveGridModel live = new LiveGridModel(m.plan());
        CompareController c = new CompareController(live, ab, playLength);
        c.setRerun(this::rerun);
        GridFeed feed = new GridFeed(live, fx);
        Path folder = manifestAt.toAbsolutePath().getParent();
        for (ManifestCell cell : m.cells()) {
            if (toRun.contains(cell.index())) {
                continue;
            }
            PixelImage image = kept.get(cell.index());
            if (image != null) {
                feed.cellStarted(cell.index(), cell.settings().request().steps());
                feed.cellFinished(cell.index(), image);
            } else if (cell.status() == CellStatus.DONE) {
                feed.cellFailed(cell.index(), "its file " + folder.resolve(String.valueOf(cell.file()))
                        + " is missing; right-click to re-run it");
            } else if (cell.status() == CellStatus.FAILED) {
                feed.cellFailed(cell.index(), cell.message());
            } else if (cell.status() == CellStatus.CANCELLED) {
                feed.cellCancelled(cell.index());
            }
        }
        grid = live;
        controller = c;
        manifest = m;
        manifestFile = manifestAt;
        sheetFile = sheetAt;
        setup.hasManifestProperty().set(true);
        display.showGrid(live, c);
        return feed;
    }

    /** Cancels every cell of the running grid that has not finished; finished cells and their files stay. */
    public void cancel() {
        if (run != null) {
            run.cancel();
            setup.statusProperty().set("Cancelling: finished cells are kept.");
        } else if (ablating != null) {
            ablating.cancel();
            setup.statusProperty().set("Cancelling the ablation: the images already made are kept.");
        }
    }

    // ---- saved grids ----

    /** Opens a manifest JSON or a grid PNG and shows its cells from their files. */
    public void open(Path file) {
        if (setup.runningProperty().get()) {
            setup.statusProperty().set("Wait for the running grid (or cancel it) before opening another.");
            return;
        }
        background.execute(() -> {
            try {
                SavedGrid saved = SavedGrid.open(file);
                GridManifest m = saved.manifest();
                Path json = saved.manifestFile();
                Path sheet = saved.sheetFile();
                Map<Integer, PixelImage> kept = GridFiles.readDone(m, json, Set.of());
                long missing = m.cells().stream().filter(c -> c.status() == CellStatus.DONE && !kept.containsKey(c.index())).count();
                fx.execute(() -> {
                    show(m, json, sheet, kept, Set.of());
                    setup.statusProperty().set("Opened " + file.getFileName() + ": " + m.cells().size() + " cells, "
                            + kept.size() + " with pictures" + (missing > 0 ? ", " + missing + " files missing (re-run them)" : ""));
                });
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> setup.statusProperty().set("Could not open " + file + ": " + e.getMessage()));
            }
        });
    }

    /** Runs one cell of the grid on show again; the other cells are kept. */
    public void rerun(int cell) {
        GridManifest m = manifest();
        if (m == null || setup.runningProperty().get()) {
            setup.statusProperty().set(m == null ? "Open or run a grid first." : "Wait for the running grid before re-running a cell.");
            return;
        }
        GridExtension work;
        try {
            work = m.rerun(cell);
        } catch (IllegalArgumentException e) {
            setup.statusProperty().set("Re-run: " + e.getMessage());
            return;
        }
        relaunch(work, false); // a re-run asks for a fresh generation, never the history's copy
    }

    /**
     * Adds the values of {@link GridSetupModel#extendTextProperty()} to their axis; only the new
     * cells run (more than {@link GridPlan#CONFIRM_ABOVE} of them only when {@code confirm} says yes).
     */
    public void extend(Predicate<String> confirm) {
        GridManifest m = manifest();
        String text = setup.extendTextProperty().get() == null ? "" : setup.extendTextProperty().get().strip();
        if (m == null || setup.runningProperty().get() || text.isEmpty()) {
            setup.statusProperty().set(m == null ? "Open or run a grid first."
                    : text.isEmpty() ? "Extend: type the axis and its new values, e.g. seed=5-6"
                    : "Wait for the running grid before extending it.");
            return;
        }
        setup.runningProperty().set(true);
        background.execute(() -> {
            try {
                GridExtension work = m.extend(parsers.get().parse(text, m.base()));
                int cells = work.toRun().size();
                fx.execute(() -> {
                    setup.runningProperty().set(false);
                    if (cells > GridPlan.CONFIRM_ABOVE && !confirm.test("Extending adds " + cells + " cells to run, more than "
                            + GridPlan.CONFIRM_ABOVE + ". Start them?")) {
                        setup.statusProperty().set("Not extended: the " + cells + " new cells were not confirmed.");
                        return;
                    }
                    relaunch(work, true);
                });
            } catch (IllegalArgumentException e) {
                fx.execute(() -> {
                    setup.runningProperty().set(false);
                    setup.statusProperty().set("Extend: " + e.getMessage());
                });
            }
        });
    }

    private void relaunch(GridExtension work, boolean reuse) {
        Path json = manifestFile;
        Path sheet = sheetFile;
        Device device = device();
        Set<Integer> toRun = ConcurrentHashMap.newKeySet();
        work.toRun().forEach(c -> toRun.add(c.index()));
        setup.runningProperty().set(true);
        background.execute(() -> {
            Map<Integer, PixelImage> kept = GridFiles.readDone(work.manifest(), json, toRun);
            fx.execute(() -> launch(work, json, sheet, device, kept, reuse));
        });
    }

    private Device device() {
        try {
            return composer.current().device();
        } catch (RuntimeException e) {
            return Device.CPU; // the composer has no runnable model; the cells name their own
        }
    }

    /**
     * Writes the grid on show into {@code dir}: {@code grid.json}, every finished cell's PNG under
     * {@code cells/} (copied, metadata intact) and the sheet {@code grid.png}, each atomically.
     */
    public void save(Path dir) {
        GridManifest m = manifest();
        if (m == null || setup.runningProperty().get()) {
            setup.statusProperty().set(m == null ? "Nothing to save: run or open a grid first." : "Wait for the running grid before saving it.");
            return;
        }
        Path from = manifestFile.toAbsolutePath().getParent();
        background.execute(() -> {
            try {
                GridManifest saved = GridFiles.copy(m, from, dir, provenance);
                fx.execute(() -> setup.statusProperty().set("Saved grid.json, grid.png and " + saved.cells().stream()
                        .filter(c -> c.status() == CellStatus.DONE).count() + " cell images to " + dir));
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> setup.statusProperty().set("Could not save the grid to " + dir + ": " + e.getMessage()));
            }
        });
    }

    // ---- ablation and A/B ----

    /**
     * One click: the composer's prompt in full and with each non-empty field left out (same seed
     * and settings), run by the core {@link AblationRunner} on the queue; the result opens in the
     * Ablation tab. It waits for the queue to be idle, so it runs on a thread of its own.
     */
    public void ablate() {
        if (setup.runningProperty().get()) {
            return;
        }
        JobSpec spec;
        AblationPlan plan;
        try {
            spec = composer.next();
            plan = AblationPlan.of(CompareInputs.of(spec));
        } catch (RuntimeException e) {
            setup.statusProperty().set("No ablation: " + e.getMessage());
            return;
        }
        AblationRunner runner = new AblationRunner(queue, spec.device());
        setup.runningProperty().set(true);
        ablating = runner;
        int images = plan.variants().size() + 1;
        setup.statusProperty().set("Ablation: " + images + " images on the queue…");
        display.showAblationRunning(images);
        Thread worker = new Thread(() -> {
            try {
                Path dir = GridFiles.newFolder(gridsRoot, "ablation");
                AblationRunner.Outcome outcome = runner.run(plan, dir, provenance,
                        line -> fx.execute(() -> setup.statusProperty().set("Ablation: " + line)));
                PixelImage full = PngFiles.read(dir.resolve("full.png")).image();
                Map<PromptPart, PixelImage> withouts = new EnumMap<>(PromptPart.class);
                for (AblationPlan.AblationVariant v : outcome.ran().variants()) {
                    withouts.put(v.leftOut(), PngFiles.read(dir.resolve(AblationRunner.fileName(v.leftOut()))).image());
                }
                AblationModel result = new AblationModel(outcome.ran(), full, withouts, outcome.notRun());
                fx.execute(() -> {
                    setup.runningProperty().set(false);
                    ablating = null;
                    ablation = result;
                    display.showAblation(result);
                    setup.statusProperty().set((outcome.complete() ? "Ablation done"
                            : "Ablation cancelled: " + outcome.notRun().size() + " of " + plan.variants().size()
                            + " fields not run, the rest kept") + "; images and ablation.json in " + dir);
                });
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> {
                    setup.runningProperty().set(false);
                    ablating = null;
                    display.showAblation(ablation); // back to the last result, or the empty tab
                    setup.statusProperty().set("Ablation " + (runner.isCancelled() ? "cancelled" : "failed") + ": "
                            + e.getMessage());
                });
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "atelier-ablation");
        worker.setDaemon(true);
        worker.start();
    }

    /** The ablation shown last, or null. */
    public AblationModel ablation() {
        return ablation;
    }

    /** Compares two history items in the A/B view (their images read off the FX thread). */
    public void compareHistory(List<HistoryRecord> rows) {
        if (rows.size() != 2) {
            setup.statusProperty().set("Select exactly two history images (Ctrl+click) to compare them.");
            return;
        }
        HistoryRecord a = rows.get(0);
        HistoryRecord b = rows.get(1);
        background.execute(() -> {
            try {
                AbSide left = side(a);
                AbSide right = side(b);
                fx.execute(() -> {
                    ab.compare(left, right);
                    display.showAb();
                });
            } catch (IOException | RuntimeException e) {
                fx.execute(() -> setup.statusProperty().set("Cannot compare: " + e.getMessage()));
            }
        });
    }

    private static AbSide side(HistoryRecord row) throws IOException {
        if (!Files.isRegularFile(row.imageFile())) {
            throw new IOException("the image of #" + row.id() + " (" + row.imageFile() + ") is missing");
        }
        return new AbSide("#" + row.id() + " · " + row.modelName() + " · seed " + row.seed(), CompareInputs.of(row),
                PngFiles.read(row.imageFile()).image());
    }

    /** The base settings in one line: model, seed, steps, guidance, size, scheduler and prompt. */
    static String describe(CellSettings base) {
        GenerationRequest r = base.request();
        String prompt = r.prompt().length() > 80 ? r.prompt().substring(0, 79) + "…" : r.prompt();
        return String.format(Locale.ROOT, "%s · seed %d · %d steps · cfg %s · %dx%d%s · “%s”", base.modelName(),
                r.seed(), r.steps(), r.guidance(), r.width(), r.height(),
                r.scheduler() == null ? "" : " · " + r.scheduler().cliName(), prompt);
    }

    /** Removes the form's listeners and stops Play (the grid's jobs belong to the queue, which the window closes). */
    @Override
    public void close() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
        if (controller != null) {
            controller.player().stop();
        }
    }
}
