package dev.atelier.ui;

import dev.atelier.onnx.Device;
import dev.atelier.prompt.PromptAssembly;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The editable state of the workbench as observable properties: the composer fields, the derived
 * prompt and token budget, and the generation controls. No scene graph here, so it is tested without
 * a window; in the app it is touched on the FX thread only.
 */
public final class WorkbenchModel {
    /** Seeds stay within what every tool (and a double in JSON) represents exactly. */
    static final long MAX_SEED = (1L << 32) - 1;

    private final Map<PromptField, StringProperty> fields = new EnumMap<>(PromptField.class);
    private final ObjectProperty<String> editedPrompt = new SimpleObjectProperty<>(this, "editedPrompt");
    private final ReadOnlyObjectWrapper<PromptAssembly> assembled = new ReadOnlyObjectWrapper<>(this, "assembled");
    private final ReadOnlyObjectWrapper<TokenBudget> budget = new ReadOnlyObjectWrapper<>(this, "budget", TokenBudget.empty());
    private final ObjectProperty<TokenBudgetCalculator> tokenCounter = new SimpleObjectProperty<>(this, "tokenCounter");
    private final ObjectProperty<Vocabulary> vocabulary = new SimpleObjectProperty<>(this, "vocabulary");

    private final ObservableList<ModelEntry> models = FXCollections.observableArrayList();
    private final ObservableList<Path> userModelDirs = FXCollections.observableArrayList();
    private final ObjectProperty<ModelEntry> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<ModelPreset> defaults = new SimpleObjectProperty<>(this, "defaults", ModelPreset.fallback());
    private final StringProperty scheduler = new SimpleStringProperty(this, "scheduler", "");
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", 25);
    private final DoubleProperty guidance = new SimpleDoubleProperty(this, "guidance", 7.5);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 42);
    private final BooleanProperty seedLocked = new SimpleBooleanProperty(this, "seedLocked", false);
    private final IntegerProperty width = new SimpleIntegerProperty(this, "width", 512);
    private final IntegerProperty height = new SimpleIntegerProperty(this, "height", 512);
    private final ObjectProperty<Device> device = new SimpleObjectProperty<>(this, "device", Device.CPU);
    private final StringProperty deviceNote = new SimpleStringProperty(this, "deviceNote", "");

    public WorkbenchModel() {
        for (PromptField f : PromptField.values()) {
            if (f != PromptField.EDITED) {
                StringProperty p = new SimpleStringProperty(this, f.name(), "");
                p.addListener((obs, o, n) -> recompute());
                fields.put(f, p);
            }
        }
        editedPrompt.addListener((obs, o, n) -> recompute());
        tokenCounter.addListener((obs, o, n) -> recompute());
        recompute();
    }

    /** The budget carries the prompt it counted, so a view listening to the budget alone sees both at once. */
    private void recompute() {
        PromptFields current = promptFields();
        TokenBudgetCalculator counter = tokenCounter.get();
        TokenBudget counted = counter == null
                ? TokenBudget.uncounted(PromptAssembler.assemble(current)) : counter.compute(current);
        assembled.set(counted.prompt());
        budget.set(counted);
    }

    public StringProperty field(PromptField field) {
        StringProperty p = fields.get(field);
        if (p == null) {
            throw new IllegalArgumentException(field + " is not an editable field");
        }
        return p;
    }

    /** Non-null while the user edits the assembled prompt as text; null to follow the fields. */
    public ObjectProperty<String> editedPromptProperty() {
        return editedPrompt;
    }

    /** The positive prompt exactly as it will be sent, with each field's span. */
    public ReadOnlyObjectProperty<PromptAssembly> assembledProperty() {
        return assembled.getReadOnlyProperty();
    }

    /** Set after {@link #assembledProperty()} on every change, holding that same prompt. */
    public ReadOnlyObjectProperty<TokenBudget> budgetProperty() {
        return budget.getReadOnlyProperty();
    }

    public ObjectProperty<TokenBudgetCalculator> tokenCounterProperty() {
        return tokenCounter;
    }

    public ObjectProperty<Vocabulary> vocabularyProperty() {
        return vocabulary;
    }

    public ObservableList<ModelEntry> models() {
        return models;
    }

    public ObservableList<Path> userModelDirs() {
        return userModelDirs;
    }

    public ObjectProperty<ModelEntry> modelProperty() {
        return model;
    }

    public ObjectProperty<ModelPreset> defaultsProperty() {
        return defaults;
    }

    /** "" means the model's own scheduler. */
    public StringProperty schedulerProperty() {
        return scheduler;
    }

    public IntegerProperty stepsProperty() {
        return steps;
    }

    public DoubleProperty guidanceProperty() {
        return guidance;
    }

    public LongProperty seedProperty() {
        return seed;
    }

    public BooleanProperty seedLockedProperty() {
        return seedLocked;
    }

    public IntegerProperty widthProperty() {
        return width;
    }

    public IntegerProperty heightProperty() {
        return height;
    }

    public ObjectProperty<Device> deviceProperty() {
        return device;
    }

    /** Where runs actually go, e.g. "CUDA not available: runs on CPU"; "" when as chosen. */
    public StringProperty deviceNoteProperty() {
        return deviceNote;
    }

    public PromptFields promptFields() {
        Map<PromptField, String> values = new EnumMap<>(PromptField.class);
        fields.forEach((f, p) -> values.put(f, p.get()));
        return PromptFields.of(values, editedPrompt.get());
    }

    public void applyPrompt(PromptFields prompt) {
        editedPrompt.set(null);
        fields.forEach((f, p) -> p.set(prompt.get(f)));
        editedPrompt.set(prompt.editedPrompt());
    }

    /** Takes a model's preferred settings (when the user switches models). */
    public void applyDefaults(ModelPreset d) {
        defaults.set(d);
        steps.set(d.steps());
        guidance.set(d.guidance());
        scheduler.set(d.scheduler() == null ? "" : d.scheduler());
        width.set(d.width());
        height.set(d.height());
    }

    /**
     * The job for the next run. An unlocked seed is re-rolled first (and shown), so every run is
     * reproducible from what the window displays.
     */
    public GenerationJob nextJob(RandomGenerator random) {
        ModelEntry entry = model.get();
        if (entry == null) {
            throw new IllegalStateException("No model selected: add a model folder with the + button.");
        }
        if (!seedLocked.get()) {
            seed.set(random.nextLong(MAX_SEED + 1));
        }
        String negative = PromptAssembler.negative(promptFields());
        ModelPreset d = defaults.get();
        return new GenerationJob(entry.dir(), assembled.get().prompt(), negative.isEmpty() ? null : negative,
                seed.get(), steps.get(), guidance.get(), scheduler.get().isBlank() ? null : scheduler.get(),
                d.clampSize(width.get()), d.clampSize(height.get()), device.get());
    }

    /** Restores prompt and controls from a finished run (history click). */
    public void applyJob(GenerationJob job, PromptFields prompt) {
        applyPrompt(prompt);
        seed.set(job.seed());
        steps.set(job.steps());
        guidance.set(job.guidance());
        scheduler.set(job.scheduler() == null ? "" : job.scheduler());
        width.set(job.width());
        height.set(job.height());
        device.set(job.device());
    }

    public Settings toSettings(double windowWidth, double windowHeight) {
        ModelEntry entry = model.get();
        return new Settings(entry == null ? null : entry.dir().toString(),
                userModelDirs.stream().map(Path::toString).toList(), scheduler.get().isBlank() ? null : scheduler.get(),
                steps.get(), guidance.get(), seed.get(), seedLocked.get(), width.get(), height.get(),
                device.get().name(), promptFields(), windowWidth, windowHeight);
    }

    /** Restores remembered controls; zero values (fresh install) keep the model's defaults. */
    public void applySettings(Settings s) {
        if (s.steps() > 0) {
            steps.set(s.steps());
        }
        if (s.guidance() > 0) {
            guidance.set(s.guidance());
        }
        if (s.scheduler() != null) {
            scheduler.set(s.scheduler());
        }
        if (s.width() > 0 && s.height() > 0) {
            width.set(defaults.get().clampSize(s.width()));
            height.set(defaults.get().clampSize(s.height()));
        }
        seed.set(s.seed());
        seedLocked.set(s.seedLocked());
        try {
            device.set(Device.valueOf(s.device()));
        } catch (IllegalArgumentException e) {
            device.set(Device.CPU);
        }
        applyPrompt(s.prompt());
    }

    List<Path> userModelDirsSnapshot() {
        return List.copyOf(userModelDirs);
    }
}
