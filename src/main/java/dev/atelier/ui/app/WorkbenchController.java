package dev.atelier.ui.app;

import dev.atelier.history.HistoryRecord;
import dev.atelier.image.PixelImage;
import dev.atelier.job.Job;
import dev.atelier.job.JobOutput;
import dev.atelier.job.JobSpec;
import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.GenerationResult;
import dev.atelier.pipeline.ParametersText;
import dev.atelier.pipeline.StepState;
import dev.atelier.prompt.Emphasis;
import dev.atelier.ui.canvas.Progress;
import dev.atelier.ui.canvas.RunState;
import dev.atelier.ui.common.Notifier;
import dev.atelier.ui.common.UserMessages;
import dev.atelier.ui.composer.PromptFields;
import dev.atelier.ui.composer.StarterPrompt;
import dev.atelier.ui.controls.ControlInput;
import dev.atelier.ui.controls.ModelCatalog;
import dev.atelier.ui.controls.ModelEntry;
import dev.atelier.ui.controls.ModelFolderPort;
import dev.atelier.ui.controls.ModelResourceLoader;
import dev.atelier.ui.controls.ModelResources;
import dev.atelier.ui.history.HistoryEntry;
import dev.atelier.ui.history.ImageSaver;
import dev.atelier.ui.history.RestorePort;
import dev.atelier.ui.queue.GenerationController;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.random.RandomGenerator;

/**
 * The workbench's behaviour, without a scene graph: model switching, generate/cancel, the session
 * history, saving, and remembering settings. Every public method runs on the UI thread; slow work
 * (reading a model folder, inference) goes to the single background executor.
 */
public final class WorkbenchController implements GenerationController.Listener, ModelFolderPort, RestorePort {
    private static final Logger LOG = LoggerFactory.getLogger(WorkbenchController.class);
    /** History entries that keep their steps for the timeline. */
    static final int HISTORY_WITH_FRAMES = 6;
    /** After a model switch by the user: nothing more to apply, and changed settings are reported. */
    private static final Runnable KEEP = () -> { };

    private final WorkbenchModel model;
    private final RunState run;
    private final ModelCatalog catalog;
    private final ModelResourceLoader loader;
    private final SettingsKeeper keeper;
    private final ImageSaver saver;
    private final WorkbenchServices services;
    private final Notifier notifier;
    private final Executor worker;
    private final Executor ui;
    private final RandomGenerator random;
    private final Clock clock;
    private final ObservableList<HistoryEntry> history = FXCollections.observableArrayList();
    private final ObjectProperty<HistoryEntry> current = new SimpleObjectProperty<>(this, "current");
    private final ObjectProperty<ModelResources> resources = new SimpleObjectProperty<>(this, "resources");
    private GenerationController generation;
    /** The job whose steps the canvas and timeline show (the latest started), or null. */
    private Job shown;
    /** The model whose folder is being read or was read last; repeated selections of it are ignored. */
    private ModelEntry requested;
    /** False until the first model's folder was read: that one takes its defaults, later ones keep what fits. */
    private boolean modelApplied;

    public WorkbenchController(WorkbenchModel model, RunState run, WorkbenchServices services, Notifier notifier,
                               Executor worker, Executor ui, RandomGenerator random, Clock clock) {
        this.model = model;
        this.run = run;
        this.services = services;
        this.catalog = services.catalog();
        this.loader = services.loader();
        this.keeper = new SettingsKeeper(services.settings(), worker);
        this.saver = services.saver();
        this.notifier = notifier;
        this.worker = worker;
        this.ui = ui;
        this.random = random;
        this.clock = clock;
    }

    /** Set once at startup: the controller and this object listen to each other. */
    public void attach(GenerationController generation) {
        this.generation = Objects.requireNonNull(generation, "generation");
    }

    @Override
    public ObservableList<HistoryEntry> history() {
        return history;
    }

    /** The finished image on display (what Save writes), or null. */
    public ObjectProperty<HistoryEntry> currentProperty() {
        return current;
    }

    public ObjectProperty<ModelResources> resourcesProperty() {
        return resources;
    }

    /** Restores the remembered settings and selects the remembered (or embedded) model. */
    public void startup(Settings saved) {
        windowResized(saved.windowWidth(), saved.windowHeight());
        if (saved.windowX() != null && saved.windowY() != null) {
            windowMoved(saved.windowX(), saved.windowY());
        }
        model.deviceProperty().addListener((o, a, device) -> checkDevice(device));
        checkDevice(model.deviceProperty().get());
        saved.userModelDirs().stream().map(Path::of).forEach(model.userModelDirs()::add);
        saved.hiddenModelDirs().stream().map(Path::of).forEach(model.hiddenModelDirs()::add);
        if (saved.memoryBudget() != null) {
            model.typed(ControlInput.MEMORY_BUDGET, saved.memoryBudget());
        }
        refreshModels();
        ModelEntry entry = ModelCatalog.pick(model.models(), saved.modelDir() == null ? null : Path.of(saved.modelDir()));
        if (entry == null) {
            notifier.error("No model found under " + catalog.modelsRoot().toAbsolutePath()
                    + ": add a model folder with the + button" + (model.hiddenModelDirs().isEmpty() ? "."
                    : " (" + model.hiddenModelDirs().size() + " hidden: “Show hidden” lists them again)."));
            model.applySettings(saved);
            return;
        }
        boolean sameModel = saved.modelDir() != null && entry.dir().equals(Path.of(saved.modelDir()));
        selectModel(entry, () -> {
            if (sameModel || saved.steps() > 0) {
                model.applySettings(saved);
            } else {
                model.applyPrompt(saved.prompt());
            }
            if (model.promptFields().equals(PromptFields.empty())) {
                model.applyPrompt(StarterPrompt.of(model.vocabularyProperty().get()));
            }
        });
    }

    /** Lists the model folders, without the ones the user hid. */
    public void refreshModels() {
        List<Path> hidden = model.hiddenModelDirs().stream().map(WorkbenchController::normal).toList();
        List<ModelEntry> entries = catalog.list(model.userModelDirsSnapshot()).stream()
                .filter(e -> !hidden.contains(normal(e.dir()))).toList();
        model.models().setAll(entries);
    }

    private static Path normal(Path dir) {
        return dir.toAbsolutePath().normalize();
    }

    /** Puts every hidden model folder back into the picker. */
    @Override
    public void showHiddenModels() {
        int count = model.hiddenModelDirs().size();
        model.hiddenModelDirs().clear();
        refreshModels();
        keeper.saveLater(model::toSettings);
        if (count > 0) {
            notifier.info("The model list shows " + (count == 1 ? "the hidden folder" : "all " + count
                    + " hidden folders") + " again.");
        }
    }

    /** Switches model: reads its folder in the background, then applies its defaults and vocabulary. */
    @Override
    public void selectModel(ModelEntry entry) {
        selectModel(entry, KEEP);
    }

    private void selectModel(ModelEntry entry, Runnable then) {
        if (entry == null || entry.equals(requested)) {
            return;
        }
        requested = entry;
        model.modelProperty().set(entry);
        worker.execute(() -> {
            ModelResources loaded = loader.load(entry.dir());
            ui.execute(() -> applyResources(entry, loaded, then));
        });
    }

    private void applyResources(ModelEntry entry, ModelResources loaded, Runnable then) {
        if (!entry.equals(requested)) {
            loaded.close(); // the user picked another model meanwhile
            return;
        }
        ModelResources old = resources.get();
        resources.set(loaded);
        model.vocabularyProperty().set(loaded.vocabulary());
        model.tokenCounterProperty().set(loaded.tokenCounter());
        if (loaded.problem() == null) {
            model.modelProblems().remove(normal(entry.dir()));
        } else {
            model.modelProblems().put(normal(entry.dir()), loaded.problem());
        }
        List<String> changed = List.of();
        if (modelApplied) {
            changed = model.switchDefaults(loaded.defaults());
        } else {
            model.applyDefaults(loaded.defaults());
            modelApplied = true;
        }
        if (old != null) {
            worker.execute(old::close);
        }
        then.run();
        if (loaded.problem() != null) {
            notifier.error("Model “" + entry.name() + "” cannot be used: " + loaded.problem());
        } else if (!changed.isEmpty() && then == KEEP) {
            notifier.info("“" + entry.name() + "” does not accept every setting: " + String.join("; ", changed));
        }
    }

    /** Adds a folder to the picker (remembered) and selects it. */
    @Override
    public void addModelFolder(Path dir) {
        Path abs = dir.toAbsolutePath().normalize();
        if (!model.userModelDirs().contains(abs)) {
            model.userModelDirs().add(abs);
        }
        refreshModels();
        model.models().stream().filter(e -> e.dir().toAbsolutePath().normalize().equals(abs)).findFirst()
                .ifPresent(this::selectModel);
    }

    /**
     * Enqueues the current prompt and controls, batch-count times with consecutive seeds; never
     * refused because a run is going. False (with a message) when the controls are invalid.
     */
    public boolean generate() {
        JobSpec spec;
        try {
            spec = model.nextJob(random);
            keeper.saveLater(model::toSettings);
            generation.enqueue(spec, model.batchCountProperty().get());
        } catch (RuntimeException e) {
            notifier.error(UserMessages.describe(e));
            return false;
        }
        return true;
    }

    /** Stops the running job within one step; pending jobs then continue. */
    public void cancel() {
        generation.cancelRunning();
    }

    public boolean isRunning() {
        return generation.isRunning();
    }

    public GenerationController generation() {
        return generation;
    }

    /** Steps of the job on the canvas as the engine delivered them (ahead of the latest-wins display). */
    public List<StepState> frames() {
        return shown == null ? List.of() : generation.steps(shown.id());
    }

    @Override
    public void onStarted(Job job) {
        shown = job;
        current.set(null);
        ModelResources r = resources.get();
        run.useLatentPreview(r != null && r.dir().equals(job.modelDir()) ? r.latentPreview() : null);
        run.begin();
    }

    @Override
    public void onStep(Job job, List<StepState> steps, Progress progress) {
        if (isShown(job)) {
            run.update(steps, progress);
        }
    }

    @Override
    public void onFinished(Job job, JobOutput output, List<StepState> steps) {
        GenerationResult result = output.result();
        HistoryEntry entry = new HistoryEntry(result.image(), PromptFields.fromMap(job.spec().fields()), job,
                result.settings(), ParametersText.text(result), steps, clock.instant(), output.historyId());
        history.add(0, entry);
        // Older entries drop their step previews to bound memory on big models.
        for (int i = HISTORY_WITH_FRAMES; i < history.size(); i++) {
            if (!history.get(i).steps().isEmpty()) {
                history.set(i, history.get(i).withoutSteps());
            }
        }
        if (isShown(job)) {
            run.end(steps, result.image());
            current.set(entry);
        }
        if (!result.warnings().isEmpty()) {
            notifier.info(String.join("; ", result.warnings()));
        }
    }

    @Override
    public void onCancelled(Job job, boolean wasRunning, List<StepState> steps) {
        if (!wasRunning) {
            return; // a pending job taken off the queue: nothing was shown
        }
        if (isShown(job)) {
            run.end(steps, null);
        }
        int total = steps.isEmpty() ? 0 : steps.getLast().total();
        notifier.info("Cancelled #" + job.id() + " after " + steps.size() + (total > 0 ? " of " + total : "")
                + " steps; the last preview is kept.");
    }

    @Override
    public void onFailed(Job job, String message, List<StepState> steps) {
        if (isShown(job)) {
            run.end(steps, null);
        }
        notifier.error(message);
    }

    private boolean isShown(Job job) {
        return shown != null && shown.id() == job.id();
    }

    /** Puts a session entry's prompt, settings, image and steps back. */
    public void restore(HistoryEntry entry) {
        GenerationRequest s = entry.settings();
        restore(entry.job().modelDir(), s, s.scheduler().cliName(), entry.job().device(), entry.prompt(),
                entry.steps(), entry.image());
        current.set(entry);
    }

    /**
     * Puts a stored generation back: prompt, composer fields and settings, its image, and its steps
     * when this session still holds them. {@code image} may be null (file missing).
     */
    @Override
    public void restore(HistoryRecord record, PixelImage image) {
        GenerationRequest request = new GenerationRequest(record.prompt(), record.negative(), record.seed(),
                record.steps(), record.guidance(), null, null, record.width(), record.height(), Emphasis.ORIGINAL);
        PromptFields fields = record.fields().isEmpty()
                ? new PromptFields("", "", "", "", "", Objects.requireNonNullElse(record.negative(), ""), record.prompt())
                : PromptFields.fromMap(record.fields());
        HistoryEntry session = history.stream().filter(h -> h.historyId() == record.id()).findFirst().orElse(null);
        Device device;
        try {
            device = Device.valueOf(record.device());
        } catch (IllegalArgumentException e) {
            device = Device.CPU;
        }
        restore(Path.of(record.modelDir()), request, record.scheduler(), device, fields,
                session == null ? List.of() : session.steps(), image);
        current.set(session);
    }

    private void restore(Path modelDir, GenerationRequest request, String scheduler, Device device,
                         PromptFields prompt, List<StepState> steps, PixelImage image) {
        Runnable apply = () -> {
            model.applyRun(request, scheduler, device, prompt);
            model.seedLockedProperty().set(true); // restoring is for A/B work: keep this seed
        };
        Path dir = modelDir.toAbsolutePath().normalize();
        ModelEntry other = model.models().stream().filter(e -> e.dir().toAbsolutePath().normalize().equals(dir))
                .findFirst().filter(e -> !e.equals(model.modelProperty().get())).orElse(null);
        apply.run();
        if (other != null) {
            selectModel(other, apply); // re-applied after the model's own defaults arrive
        }
        if (!generation.isRunning()) { // a running job keeps the canvas
            shown = null;
            run.show(steps, image);
        }
    }

    /** Writes the displayed image with its parameters; reports the outcome in the window. */
    public boolean save(Path chosen) {
        Path out = withPngExtension(chosen);
        HistoryEntry entry = current.get();
        if (entry == null) {
            notifier.info("Nothing to save yet: generate an image first.");
            return false;
        }
        try {
            saver.write(entry, out);
            notifier.info("Saved " + out.getFileName());
            return true;
        } catch (IOException | RuntimeException e) {
            LOG.warn("Saving {} failed", out, e);
            notifier.error("Could not save " + out + ": " + UserMessages.describe(e));
            return false;
        }
    }

    /** A name without an extension gets ".png" (a file chooser returns what was typed). */
    static Path withPngExtension(Path file) {
        String name = file.getFileName().toString();
        return name.contains(".") && !name.endsWith(".") ? file : file.resolveSibling(
                (name.endsWith(".") ? name.substring(0, name.length() - 1) : name) + ".png");
    }

    /**
     * Takes a folder off the picker (remembered in the settings; the folder itself is untouched): a
     * folder the user added is removed, a broken one under the models root is hidden until "show
     * hidden". A usable folder under the models root stays. Selects the remembered default next.
     */
    @Override
    public void removeModelFolder(ModelEntry entry) {
        if (entry == null || !(entry.userAdded() || model.problemOf(entry) != null)) {
            return;
        }
        if (entry.userAdded()) {
            model.userModelDirs().removeIf(p -> normal(p).equals(normal(entry.dir())));
        } else if (!model.hiddenModelDirs().contains(normal(entry.dir()))) {
            model.hiddenModelDirs().add(normal(entry.dir()));
        }
        refreshModels();
        keeper.saveLater(model::toSettings);
        if (entry.equals(model.modelProperty().get())) {
            requested = null;
            ModelEntry next = ModelCatalog.pick(model.models(), null);
            if (next == null) {
                model.modelProperty().set(null);
            } else {
                selectModel(next);
            }
        }
        notifier.info(entry.userAdded()
                ? "Removed “" + entry.name() + "” from the model list (the folder itself is untouched)."
                : "Hid “" + entry.name() + "” from the model list (the folder itself is untouched; “Show hidden” brings it"
                + " back).");
    }

    /** Remembers the window size for the next save. */
    public void windowResized(double width, double height) {
        keeper.windowResized(width, height);
    }

    /** Remembers the window position for the next save. */
    public void windowMoved(double x, double y) {
        keeper.windowMoved(x, y);
    }

    /** Saves the settings file now (on exit). */
    public void persist(double windowWidth, double windowHeight, Double windowX, Double windowY) {
        keeper.saveNow(model.toSettings(windowWidth, windowHeight, windowX, windowY));
    }

    private void checkDevice(Device device) {
        worker.execute(() -> {
            String note = services.deviceCheck().apply(device);
            ui.execute(() -> {
                if (device == model.deviceProperty().get()) {
                    model.deviceNoteProperty().set(note);
                }
            });
        });
    }

}
