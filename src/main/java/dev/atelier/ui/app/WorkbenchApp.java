package dev.atelier.ui.app;

import dev.atelier.data.DataFolder;
import dev.atelier.compare.LibraryAxisParser;
import dev.atelier.history.RecentStepTimes;
import dev.atelier.image.ProvenancePolicy;
import dev.atelier.job.JobSpec;
import dev.atelier.ui.compare.AbModel;
import dev.atelier.ui.compare.CompareSession;
import dev.atelier.ui.compare.CompareWindow;
import dev.atelier.ui.compare.CompareWorkbenchView;
import dev.atelier.ui.compare.ComposerSource;
import dev.atelier.ui.compare.GridSetupModel;
import javafx.scene.control.Button;
import javafx.scene.control.Tooltip;
import javafx.stage.WindowEvent;
import java.util.List;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.history.HistoryRecorder;
import dev.atelier.history.HistoryStore;
import dev.atelier.image.PngFiles;
import dev.atelier.job.JobQueue;
import dev.atelier.job.JobRunner;
import dev.atelier.job.PipelineJobRunner;
import dev.atelier.job.WorkerJobQueue;
import dev.atelier.session.SessionPool;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.ExecutionProviders;
import dev.atelier.ui.inspector.InspectorController;
import dev.atelier.ui.inspector.InspectorModel;
import dev.atelier.ui.inspector.InspectorView;
import dev.atelier.ui.inspector.ProvenanceSaver;
import dev.atelier.ui.library.Background;
import dev.atelier.ui.library.ComposerPort;
import dev.atelier.ui.library.ExpansionCountView;
import dev.atelier.ui.library.LibraryController;
import dev.atelier.ui.library.LibraryModel;
import dev.atelier.ui.library.LibraryView;
import dev.atelier.wildcard.PromptExpander;
import dev.atelier.wildcard.WildcardFolder;
import dev.atelier.ui.canvas.RunState;
import dev.atelier.ui.common.UserMessages;
import dev.atelier.ui.composer.DebouncedTokenCounting;
import dev.atelier.ui.composer.VocabularyLoader;
import dev.atelier.ui.controls.ModelCatalog;
import dev.atelier.ui.controls.ModelResourceLoader;
import dev.atelier.ui.history.HistoryBrowserController;
import dev.atelier.ui.history.HistoryBrowserModel;
import dev.atelier.ui.queue.GenerationController;
import javafx.application.Application;
import javafx.application.Platform;
import javafx.geometry.Rectangle2D;
import javafx.scene.Scene;
import javafx.stage.Screen;
import javafx.stage.Stage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Path;
import java.time.Clock;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The one startup class of the window: creates every service by constructor (no singletons), builds
 * the view in its fixed order and shows it. Inference runs on the single "atelier-inference" thread.
 */
public final class WorkbenchApp extends Application {
    private final DataFolder dataFolder;
    private final Path modelsRoot;
    /** Runs jobs; null = the real pipeline over a shared {@link SessionPool} built at start. */
    private final JobRunner scripted;
    private SessionPool pool;
    private PipelineJobRunner pipelines;
    private JobQueue queue;
    private ExecutorService historyWorker;
    private CompletableFuture<HistoryStore> history;
    private HistoryBrowserController browser;
    /** Counting waits this long after the last keystroke (one count per burst of typing). */
    static final long TYPING_PAUSE_MS = 120;
    private ExecutorService worker;
    private ScheduledExecutorService tokens;
    /** File and database work of the library and the inspector (never the FX thread). */
    private ExecutorService libraryWorker;
    private LibraryModel libraryModel;
    private LibraryController library;
    private LibraryView libraryView;
    private InspectorModel inspectorModel;
    private InspectorView inspectorView;
    private WorkbenchModel model;
    /** The comparison workbench's session, window and file worker. */
    private CompareSession compare;
    private CompareWindow compareWindow;
    private ExecutorService compareWorker;
    private RunState run;
    private WorkbenchController controller;
    private WorkbenchView view;
    private Stage stage;
    /** When the process started, read on the FX thread at the first start-up mark. */
    private java.util.Optional<java.time.Instant> launched;

    /** Used by {@link Application#launch}: the per-user data folder and the embedded models. */
    public WorkbenchApp() {
        this(DataFolder.fromEnvironment(), defaultModelsRoot());
    }

    /** For tests and embedding: explicit data folder and models root, the real pipeline. */
    public WorkbenchApp(DataFolder dataFolder, Path modelsRoot) {
        this(dataFolder, modelsRoot, null);
    }

    /** For tests: {@code runner} does the generating (null = the real pipeline). */
    public WorkbenchApp(DataFolder dataFolder, Path modelsRoot, JobRunner runner) {
        this.dataFolder = Objects.requireNonNull(dataFolder, "dataFolder");
        this.modelsRoot = Objects.requireNonNull(modelsRoot, "modelsRoot");
        this.scripted = runner;
    }

    /**
     * Entry point used by {@code cli.Main} when Atelier is started without arguments. While JavaFX's
     * toolkit starts, another thread does what {@link #start} needs first and the toolkit does not:
     * Logback's set-up with the data folder's log file, and Jackson's first mapper and settings read.
     */
    public static void launch(String... args) {
        Thread warmUp = new Thread(WorkbenchApp::warmUp, "atelier-warm-up");
        warmUp.setDaemon(true);
        warmUp.start();
        Application.launch(WorkbenchApp.class, args);
    }

    /** Loads and initialises what {@link #start} uses first; start() repeats the cheap part and reports failures. */
    private static void warmUp() {
        try {
            DataFolder data = DataFolder.fromEnvironment();
            LogSetup.toFolder(data.logDir());
            SettingsStore.warmUp(data.settingsFile());
        } catch (RuntimeException | LinkageError e) { // start() meets it again and says so
            log().debug("Warm-up failed", e);
        }
    }

    /**
     * Not a static field: initialising this class (which {@link #launch} does) would then configure
     * Logback on the main thread before the toolkit starts instead of beside it.
     */
    private static Logger log() {
        return LoggerFactory.getLogger(WorkbenchApp.class);
    }

    static Path defaultModelsRoot() {
        return EmbeddedModels.find(EmbeddedModels.DEFAULT).map(Path::getParent).orElse(Path.of("models"));
    }

    @Override
    public void start(Stage primaryStage) {
        long toolkitUp = sinceLaunchMillis();
        Path logFile = LogSetup.toFolder(dataFolder.logDir());
        log().info("Atelier window starting; data in {}, log {}", dataFolder.root(), logFile);
        stage = primaryStage;
        ObjectMapper json = new ObjectMapper();
        SettingsStore settings = new SettingsStore(dataFolder.settingsFile(), json);
        Settings saved = settings.load();
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "atelier-background");
            t.setDaemon(true);
            return t;
        });
        ProvenanceSaver saver = new ProvenanceSaver(Clock.systemUTC());
        WorkbenchServices services = new WorkbenchServices(new ModelCatalog(modelsRoot),
                new ModelResourceLoader(new VocabularyLoader(json)), settings, saver,
                WorkbenchApp::deviceNote);
        tokens = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "atelier-tokens");
            t.setDaemon(true);
            return t;
        });
        model = new WorkbenchModel(new DebouncedTokenCounting(tokens, Platform::runLater, TYPING_PAUSE_MS));
        run = new RunState();
        view = new WorkbenchView();
        controller = new WorkbenchController(model, run, services, view, worker, Platform::runLater,
                RandomGenerator.getDefault(), Clock.systemUTC());
        historyWorker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "atelier-history");
            t.setDaemon(true);
            return t;
        });
        // opened off the FX thread; jobs wait for it on the queue's worker, the browser when it is ready
        history = CompletableFuture.supplyAsync(() -> HistoryStore.open(dataFolder,
                notice -> Platform.runLater(() -> view.info(notice))), historyWorker);
        queue = new WorkerJobQueue(recording(scripted != null ? scripted : realPipelines()));
        controller.attach(new GenerationController(queue, Platform::runLater, controller));
        browser = new HistoryBrowserController(new HistoryBrowserModel(), history, historyWorker, Platform::runLater,
                controller, view, folder -> getHostServices().showDocument(folder.toUri().toString()));
        wireLibraryAndInspector(dataFolder.root(), saver);
        wireCompare();
        long servicesUp = sinceLaunchMillis();
        view.build(model, controller, run, browser, historyWorker);
        long viewsBuilt = sinceLaunchMillis();
        view.history().setCompareAction(rows -> {
            compareWindow.open();
            compare.compareHistory(rows);
        });

        Rectangle2D primary = Screen.getPrimary().getVisualBounds();
        WindowPlacement place = WindowPlacement.fit(saved, primary,
                Screen.getScreens().stream().map(Screen::getVisualBounds).toList());
        Scene scene = new Scene(view.root(), place.width(), place.height());
        scene.getStylesheets().add(Objects.requireNonNull(WorkbenchApp.class.getResource(WorkbenchView.CSS)).toExternalForm());
        view.installKeys(scene, controller);
        stage.titleProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.modelProperty().get() == null ? "Atelier" : "Atelier — " + model.modelProperty().get().name(),
                model.modelProperty()));
        stage.setMinWidth(Math.min(WindowPlacement.MIN_WIDTH, primary.getWidth()));
        stage.setMinHeight(Math.min(WindowPlacement.MIN_HEIGHT, primary.getHeight()));
        stage.setScene(scene);
        stage.setWidth(place.width()); // the stage, not only the scene: a decorated window adds its frame
        stage.setHeight(place.height());
        if (place.centred()) {
            stage.centerOnScreen();
        } else {
            stage.setX(place.x());
            stage.setY(place.y());
        }
        // after the first laid-out pulse, once the FX thread is free again: the composer takes typing
        Runnable[] firstPulse = new Runnable[1];
        long[] shown = new long[1];
        firstPulse[0] = () -> {
            scene.removePostLayoutPulseListener(firstPulse[0]);
            Platform.runLater(() -> log().info("Window usable {} ms after launch (JavaFX started at {} ms, services at {},"
                    + " views built at {}, shown at {}; {} ms of CPU)", sinceLaunchMillis(), toolkitUp, servicesUp, viewsBuilt,
                    shown[0], cpuMillis()));
        };
        scene.addPostLayoutPulseListener(firstPulse[0]);
        stage.addEventHandler(WindowEvent.WINDOW_HIDDEN, e -> compareWindow.close()); // the app ends with its main window
        stage.show();
        shown[0] = sinceLaunchMillis();
        controller.startup(saved);
        controller.windowResized(stage.getWidth(), stage.getHeight()); // what was really applied, not what was saved
        controller.windowMoved(stage.getX(), stage.getY());
        stage.widthProperty().addListener((o, a, w) -> controller.windowResized(stage.getWidth(), stage.getHeight()));
        stage.heightProperty().addListener((o, a, h) -> controller.windowResized(stage.getWidth(), stage.getHeight()));
        stage.xProperty().addListener((o, a, x) -> controller.windowMoved(stage.getX(), stage.getY()));
        stage.yProperty().addListener((o, a, y) -> controller.windowMoved(stage.getX(), stage.getY()));
    }

    /** Since the process started (the launcher's {@code exec} keeps its process), for the start-up log line. */
    private long sinceLaunchMillis() {
        if (launched == null) { // read once: ProcessHandle.info() reads several /proc files each time
            launched = ProcessHandle.current().info().startInstant();
        }
        return launched.map(start -> java.time.Duration.between(start, java.time.Instant.now()).toMillis()).orElse(-1L);
    }

    /** CPU time of the whole process so far (every thread, the JIT's included): steadier than wall time on a busy machine. */
    private static long cpuMillis() {
        return ProcessHandle.current().info().totalCpuDuration().map(java.time.Duration::toMillis).orElse(-1L);
    }

    private JobRunner realPipelines() {
        pool = new SessionPool(); // shared by every job and model: switching back to a recent model reloads nothing
        // the window's memory budget, read for every job (updated on the FX thread, read on the worker)
        java.util.concurrent.atomic.AtomicLong budget = new java.util.concurrent.atomic.AtomicLong(
                model.memoryBudgetBytesProperty().get());
        model.memoryBudgetBytesProperty().addListener((o, a, bytes) -> budget.set(bytes.longValue()));
        pipelines = new PipelineJobRunner(pool, budget::get);
        return pipelines;
    }

    /** Records every finished job in history.db; when the history cannot be opened, jobs still run (unsaved). */
    private JobRunner recording(JobRunner generator) {
        CompletableFuture<JobRunner> recorder = history.handle((store, failure) -> {
            if (failure != null) {
                String why = UserMessages.describe(failure.getCause() == null ? failure : failure.getCause());
                log().warn("History unavailable: {}", why);
                Platform.runLater(() -> view.error("The history cannot be opened: " + why + "; images are not kept."));
                return generator;
            }
            return new HistoryRecorder(generator, store, dataFolder);
        });
        return (job, steps, cancel) -> recorder.join().run(job, steps, cancel);
    }

    /** The library panel, the image inspector and the composer's expansion count (issue 17). */
    private void wireLibraryAndInspector(Path data, ProvenanceSaver saver) {
        libraryWorker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "atelier-library");
            t.setDaemon(true);
            return t;
        });
        Background background = new Background(libraryWorker, Platform::runLater, view);
        ComposerPort composer = new WorkbenchComposer(model, controller);
        libraryModel = new LibraryModel();
        library = new LibraryController(libraryModel, composer, background, data);
        libraryView = new LibraryView(libraryModel, library);
        inspectorModel = new InspectorModel();
        inspectorView = new InspectorView(inspectorModel, new InspectorController(inspectorModel, composer, background,
                controller.currentProperty()::get, saver));
        view.addPanel("Library", libraryView.node());
        view.addPanel("Inspector", inspectorView.node());
        inspectorView.setOnOpened(() -> view.showPanel("Inspector"));
        inspectorView.acceptDrops(view.root());
        view.addUnderPrompt(new ExpansionCountView(model.assembledProperty(), a -> a.prompt(), new PromptExpander(new WildcardFolder(data.resolve("wildcards"))),
                libraryWorker, Platform::runLater).node());
        library.refresh();
    }

    /** The comparison workbench (issue 18): its own window, opened by the toolbar's Compare button. */
    private void wireCompare() {
        compareWorker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "atelier-compare");
            t.setDaemon(true);
            return t;
        });
        ComposerSource composer = new ComposerSource() {
            @Override
            public JobSpec current() {
                return model.currentJob();
            }

            @Override
            public JobSpec next() {
                return model.nextJob(RandomGenerator.getDefault());
            }
        };
        compare = new CompareSession(new GridSetupModel(), new AbModel(), queue, composer,
                () -> LibraryAxisParser.of(dataFolder.root()), () -> RecentStepTimes.perModel(history.join()),
                dataFolder.root().resolve("grids"),
                ProvenancePolicy.atelier(false, false), this::openHistory, compareWorker, Platform::runLater, javafx.util.Duration.seconds(3));
        compareWindow = new CompareWindow(compare, List.of(
                Objects.requireNonNull(WorkbenchApp.class.getResource(WorkbenchView.CSS)).toExternalForm(),
                Objects.requireNonNull(WorkbenchApp.class.getResource(CompareWorkbenchView.CSS)).toExternalForm()));
        Button open = new Button("Compare");
        open.setId("open-compare");
        open.setTooltip(new Tooltip("Open the comparison workbench: grids over models, seeds and settings, A/B, ablation"));
        open.setOnAction(e -> compareWindow.open());
        view.addToolbarAction(open);
    }

    /** The history once it is open; null while it opens or when it could not be opened. */
    private HistoryStore openHistory() {
        return history.isDone() && !history.isCompletedExceptionally() ? history.join() : null;
    }

    private static String deviceNote(dev.atelier.onnx.Device device) {
        try {
            return ExecutionProviders.choose(device, ExecutionProviders.available()).warningText().orElse("");
        } catch (RuntimeException | LinkageError e) {
            log().warn("Cannot query ONNX Runtime providers", e);
            return "ONNX Runtime could not be loaded: " + UserMessages.describe(e);
        }
    }

    @Override
    public void stop() {
        if (controller != null) {
            controller.cancel();
            controller.persist(stage.getWidth(), stage.getHeight(), stage.getX(), stage.getY());
        }
        if (browser != null) {
            browser.close();
        }
        if (controller != null) {
            controller.generation().close();
        }
        if (queue != null) {
            queue.close(); // cancels what is pending, stops the running job within one step, waits
        }
        if (pipelines != null) {
            pipelines.close();
        }
        if (pool != null) {
            pool.close();
        }
        if (tokens != null) {
            tokens.shutdownNow();
        }
        if (compare != null) {
            compareWindow.close();
            compare.close();
            compareWorker.shutdown();
        }
        if (library != null) {
            library.close();
            libraryWorker.shutdown();
        }
        for (ExecutorService e : new ExecutorService[] {worker, historyWorker}) {
            if (e != null) {
                e.shutdown();
            }
        }
        if (history != null) {
            history.thenAccept(HistoryStore::close).exceptionally(e -> null);
        }
        log().info("Atelier window closed");
    }

    public WorkbenchModel model() {
        return model;
    }

    public RunState runState() {
        return run;
    }

    public WorkbenchController controller() {
        return controller;
    }

    public JobQueue queue() {
        return queue;
    }

    public HistoryBrowserController browser() {
        return browser;
    }

    public WorkbenchView view() {
        return view;
    }

    public LibraryModel libraryModel() {
        return libraryModel;
    }

    public LibraryView libraryView() {
        return libraryView;
    }

    public InspectorModel inspectorModel() {
        return inspectorModel;
    }

    public CompareSession compare() {
        return compare;
    }

    public CompareWindow compareWindow() {
        return compareWindow;
    }

    public InspectorView inspectorView() {
        return inspectorView;
    }
}
