package dev.atelier.ui;

import dev.atelier.data.DataFolder;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.image.PngFiles;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.ExecutionProviders;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;

/**
 * The one startup class of the window: creates every service by constructor (no singletons), builds
 * the view in its fixed order and shows it. Inference runs on the single "atelier-inference" thread.
 */
public final class WorkbenchApp extends Application {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchApp.class);

    private final DataFolder dataFolder;
    private final Path modelsRoot;
    private final GenerationService service;
    /** Counting waits this long after the last keystroke (one count per burst of typing). */
    static final long TYPING_PAUSE_MS = 120;
    private ExecutorService worker;
    private ScheduledExecutorService tokens;
    private WorkbenchModel model;
    private RunState run;
    private WorkbenchController controller;
    private WorkbenchView view;
    private Stage stage;

    /** Used by {@link Application#launch}: the per-user data folder and the embedded models. */
    public WorkbenchApp() {
        this(DataFolder.fromEnvironment(), defaultModelsRoot(), new PipelineGenerationService());
    }

    /** For tests and embedding: explicit data folder, models root and engine. */
    public WorkbenchApp(DataFolder dataFolder, Path modelsRoot, GenerationService service) {
        this.dataFolder = Objects.requireNonNull(dataFolder, "dataFolder");
        this.modelsRoot = Objects.requireNonNull(modelsRoot, "modelsRoot");
        this.service = Objects.requireNonNull(service, "service");
    }

    /** Entry point used by {@code cli.Main} when Atelier is started without arguments. */
    public static void launch(String... args) {
        Application.launch(WorkbenchApp.class, args);
    }

    static Path defaultModelsRoot() {
        return EmbeddedModels.find(EmbeddedModels.DEFAULT).map(Path::getParent).orElse(Path.of("models"));
    }

    @Override
    public void start(Stage primaryStage) {
        Path logFile = LogSetup.toFolder(dataFolder.logDir());
        LOG.info("Atelier window starting; data in {}, log {}", dataFolder.root(), logFile);
        stage = primaryStage;
        ObjectMapper json = new ObjectMapper();
        SettingsStore settings = new SettingsStore(dataFolder.settingsFile(), json);
        Settings saved = settings.load();
        worker = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "atelier-inference");
            t.setDaemon(true);
            return t;
        });
        WorkbenchServices services = new WorkbenchServices(new ModelCatalog(modelsRoot),
                new ModelResourceLoader(new VocabularyLoader(json)), settings, PngFiles::write,
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
        controller.attach(new GenerationController(service, worker, Platform::runLater, controller));
        view.build(model, controller, run);

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
        stage.show();
        controller.startup(saved);
        controller.windowResized(stage.getWidth(), stage.getHeight()); // what was really applied, not what was saved
        controller.windowMoved(stage.getX(), stage.getY());
        stage.widthProperty().addListener((o, a, w) -> controller.windowResized(stage.getWidth(), stage.getHeight()));
        stage.heightProperty().addListener((o, a, h) -> controller.windowResized(stage.getWidth(), stage.getHeight()));
        stage.xProperty().addListener((o, a, x) -> controller.windowMoved(stage.getX(), stage.getY()));
        stage.yProperty().addListener((o, a, y) -> controller.windowMoved(stage.getX(), stage.getY()));
    }

    private static String deviceNote(dev.atelier.onnx.Device device) {
        try {
            return ExecutionProviders.choose(device, ExecutionProviders.available()).warningText().orElse("");
        } catch (RuntimeException | LinkageError e) {
            LOG.warn("Cannot query ONNX Runtime providers", e);
            return "ONNX Runtime could not be loaded: " + UserMessages.describe(e);
        }
    }

    @Override
    public void stop() {
        if (controller != null) {
            controller.cancel();
            controller.persist(stage.getWidth(), stage.getHeight(), stage.getX(), stage.getY());
        }
        if (tokens != null) {
            tokens.shutdownNow();
        }
        if (worker != null) {
            worker.execute(service::close); // after any run in flight: sessions are closed on their own thread
            worker.shutdown();
            try {
                if (!worker.awaitTermination(10, TimeUnit.SECONDS)) {
                    LOG.warn("Inference thread still busy at exit");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        LOG.info("Atelier window closed");
    }

    WorkbenchModel model() {
        return model;
    }

    RunState runState() {
        return run;
    }

    WorkbenchController controller() {
        return controller;
    }

    WorkbenchView view() {
        return view;
    }
}
