package dev.atelier.ui.app;

import dev.atelier.job.JobOrigin;
import dev.atelier.job.JobSpec;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.prompt.Emphasis;
import dev.atelier.scheduler.SchedulerKind;

import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationLimits;
import dev.atelier.pipeline.Seeds;
import dev.atelier.prompt.PromptAssembly;
import dev.atelier.ui.composer.ComposerField;
import dev.atelier.ui.composer.ComposerState;
import dev.atelier.ui.composer.ComposerTokenBudget;
import dev.atelier.ui.composer.PromptAssembler;
import dev.atelier.ui.composer.PromptFields;
import dev.atelier.ui.composer.TokenBudgetCalculator;
import dev.atelier.ui.composer.TokenCounting;
import dev.atelier.ui.composer.Vocabulary;
import dev.atelier.ui.controls.ControlDefaults;
import dev.atelier.ui.controls.ControlInput;
import dev.atelier.ui.controls.ControlsState;
import dev.atelier.ui.controls.ModelEntry;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleLongProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.beans.Observable;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.random.RandomGenerator;

/**
 * The editable state of the workbench as observable properties: the composer fields, the derived
 * prompt and token budget, and the generation controls. No scene graph here, so it is tested without
 * a window; in the app it is touched on the FX thread only.
 */
public final class WorkbenchModel implements ComposerState, ControlsState {
    private final Map<ComposerField, StringProperty> fields = new EnumMap<>(ComposerField.class);
    private final ObjectProperty<String> editedPrompt = new SimpleObjectProperty<>(this, "editedPrompt");
    private final ReadOnlyObjectWrapper<PromptAssembly> assembled = new ReadOnlyObjectWrapper<>(this, "assembled");
    private final ReadOnlyObjectWrapper<ComposerTokenBudget> budget = new ReadOnlyObjectWrapper<>(this, "budget", ComposerTokenBudget.empty());
    private final ObjectProperty<TokenBudgetCalculator> tokenCounter = new SimpleObjectProperty<>(this, "tokenCounter");
    private final ObjectProperty<Vocabulary> vocabulary = new SimpleObjectProperty<>(this, "vocabulary");

    private final ObservableList<ModelEntry> models = FXCollections.observableArrayList();
    private final ObservableList<Path> userModelDirs = FXCollections.observableArrayList();
    /** Broken folders under the models root that the user hid from the picker. */
    private final ObservableList<Path> hiddenModelDirs = FXCollections.observableArrayList();
    /** Why a model folder read this session cannot be used, by its normalised path. */
    private final ObservableMap<Path, String> modelProblems = FXCollections.observableHashMap();
    private final ObjectProperty<ModelEntry> model = new SimpleObjectProperty<>(this, "model");
    private final ObjectProperty<ControlDefaults> defaults = new SimpleObjectProperty<>(this, "defaults", ControlDefaults.fallback());
    private final StringProperty scheduler = new SimpleStringProperty(this, "scheduler", "");
    private final IntegerProperty steps = new SimpleIntegerProperty(this, "steps", 25);
    private final DoubleProperty guidance = new SimpleDoubleProperty(this, "guidance", 7.5);
    private final LongProperty seed = new SimpleLongProperty(this, "seed", 42);
    private final BooleanProperty seedLocked = new SimpleBooleanProperty(this, "seedLocked", false);
    /** Images per Generate: seeds s, s+1, ... (A1111's batch count). */
    private final IntegerProperty batchCount = new SimpleIntegerProperty(this, "batchCount", 1);
    private final IntegerProperty width = new SimpleIntegerProperty(this, "width", 512);
    private final IntegerProperty height = new SimpleIntegerProperty(this, "height", 512);
    private final ObjectProperty<Device> device = new SimpleObjectProperty<>(this, "device", Device.CPU);
    private final StringProperty deviceNote = new SimpleStringProperty(this, "deviceNote", "");
    /** The memory budget as typed ("6G", "1.5GiB"); "" means {@link #defaultMemoryBudget}. */
    private final StringProperty memoryBudget = new SimpleStringProperty(this, "memoryBudget", "");
    private final long defaultMemoryBudget = GenerationLimits.defaultMemoryBudget();
    /** The budget every job of the window runs under: the typed one while valid, else the default. */
    private final ReadOnlyLongWrapper memoryBudgetBytes = new ReadOnlyLongWrapper(this, "memoryBudgetBytes",
            defaultMemoryBudget);
    /** Text typed into a control that is not a number at all (kept, never replaced). */
    private final ObservableMap<ControlInput, String> unparsable = FXCollections.observableHashMap();
    private final ReadOnlyObjectWrapper<GenerationLimits> limits = new ReadOnlyObjectWrapper<>(this, "limits");
    private final ReadOnlyObjectWrapper<Map<ControlInput, String>> problems = new ReadOnlyObjectWrapper<>(this, "problems", Map.of());

    private final TokenCounting counting;

    /** Counts tokens at once (tests, tools). */
    public WorkbenchModel() {
        this(TokenCounting.IMMEDIATE);
    }

    /** Counts tokens with {@code counting} (the window: debounced, off the FX thread). */
    public WorkbenchModel(TokenCounting counting) {
        this.counting = counting;
        for (ComposerField f : ComposerField.values()) {
            if (f != ComposerField.EDITED) {
                StringProperty p = new SimpleStringProperty(this, f.name(), "");
                p.addListener((obs, o, n) -> recompute());
                fields.put(f, p);
            }
        }
        editedPrompt.addListener((obs, o, n) -> recompute());
        tokenCounter.addListener((obs, o, n) -> recompute());
        recompute();
        for (Observable o : List.<Observable>of(defaults, scheduler, steps, guidance, seed, width, height, unparsable,
                memoryBudget)) {
            o.addListener(x -> checkControls());
        }
        checkControls();
    }

    /** Recomputes the limits of the model and scheduler in use and what is wrong with the controls. */
    private void checkControls() {
        GenerationLimits l = defaults.get().limits(scheduler.get());
        limits.set(l);
        Map<ControlInput, String> out = new EnumMap<>(ControlInput.class); // the panel's order
        l.stepsProblem(steps.get()).ifPresent(p -> out.put(ControlInput.STEPS, p));
        GenerationLimits.guidanceProblem(guidance.get()).ifPresent(p -> out.put(ControlInput.GUIDANCE, p));
        if (seed.get() < Seeds.RANDOM) {
            out.put(ControlInput.SEED, seedProblem(Long.toString(seed.get())));
        }
        l.sideProblem("width", width.get()).ifPresent(p -> out.put(ControlInput.WIDTH, p));
        l.sideProblem("height", height.get()).ifPresent(p -> out.put(ControlInput.HEIGHT, p));
        unparsable.forEach((input, text) -> out.put(input, notANumber(input, text, l)));
        checkMemory(out);
        problems.set(Collections.unmodifiableMap(out));
    }

    /** A valid request that the model's memory estimate puts above the budget is refused before enqueueing. */
    private void checkMemory(Map<ControlInput, String> out) {
        long budget = defaultMemoryBudget;
        if (!memoryBudget.get().isBlank()) {
            try {
                budget = GenerationLimits.parseMemoryBudget(memoryBudget.get());
            } catch (IllegalArgumentException e) {
                out.put(ControlInput.MEMORY_BUDGET, "memory budget: " + e.getMessage());
                return;
            }
        }
        memoryBudgetBytes.set(budget);
        if (out.isEmpty()) {
            defaults.get().memory().problem(width.get(), height.get(), guidance.get(), budget)
                    .ifPresent(p -> out.put(ControlInput.MEMORY_BUDGET, p));
        }
    }

    private static String seedProblem(String text) {
        return "seed must be -1 (random) or a whole number between 0 and " + Seeds.MAX + ", got " + text;
    }

    private static String notANumber(ControlInput input, String text, GenerationLimits l) {
        String shown = "\"" + text + "\"";
        return switch (input) {
            case STEPS -> "steps must be a whole number between " + GenerationLimits.MIN_STEPS + " and " + l.maxSteps()
                    + " (this model's schedule), got " + shown;
            case GUIDANCE -> "guidance must be a number between 0 and " + (int) GenerationLimits.MAX_GUIDANCE + ", got " + shown;
            case SEED -> seedProblem(shown);
            case WIDTH, HEIGHT -> input.label() + " must be a multiple of " + l.sizeMultiple() + " between "
                    + l.minSide() + " and " + l.maxSide() + " for this model, got " + shown;
            case MEMORY_BUDGET -> "memory budget: " + shown + " is not a size; expected e.g. 8G, 512M";
        };
    }

    /**
     * What the user typed into a control: a number is taken as it is (out-of-range values are shown
     * as problems, never corrected); anything else stays a problem until it is fixed.
     */
    @Override
    public void typed(ControlInput input, String text) {
        String t = text == null ? "" : text.strip();
        try {
            switch (input) {
                case STEPS -> steps.set(Integer.parseInt(t));
                case GUIDANCE -> guidance.set(parseGuidance(t));
                case SEED -> seed.set(Long.parseLong(t));
                case WIDTH -> width.set(Integer.parseInt(t));
                case HEIGHT -> height.set(Integer.parseInt(t));
                case MEMORY_BUDGET -> memoryBudget.set(t);
            }
            unparsable.remove(input);
        } catch (NumberFormatException e) {
            unparsable.put(input, t);
        }
    }

    private static double parseGuidance(String t) {
        double v = Double.parseDouble(t.replace(',', '.'));
        if (Double.isNaN(v) || t.toLowerCase(Locale.ROOT).matches(".*[a-z].*")) {
            throw new NumberFormatException(t); // "NaN", "1e3", "Infinity", "5d" are not what a user means
        }
        return v;
    }

    /**
     * The value one step up ({@code direction} 1) or down (-1) from the control's current one, as
     * text: steps by 1, guidance by 0.5, sizes to the next allowed side; null for the seed or when
     * the field holds no number (then there is nothing to step from).
     */
    @Override
    public String stepped(ControlInput input, int direction) {
        if (unparsable.containsKey(input)) {
            return null;
        }
        GenerationLimits l = limits.get();
        return switch (input) {
            case STEPS -> Integer.toString(Math.max(GenerationLimits.MIN_STEPS, Math.min(l.maxSteps(), steps.get() + direction)));
            case GUIDANCE -> {
                double g = Math.max(GenerationLimits.MIN_GUIDANCE, Math.min(GenerationLimits.MAX_GUIDANCE,
                        Math.round(guidance.get() * 2 + direction) / 2.0));
                yield g == Math.rint(g) ? Long.toString((long) g) : Double.toString(g);
            }
            case WIDTH -> Integer.toString(l.nearestSide(width.get() + direction * l.sizeMultiple()));
            case HEIGHT -> Integer.toString(l.nearestSide(height.get() + direction * l.sizeMultiple()));
            case SEED, MEMORY_BUDGET -> null;
        };
    }

    /** The ranges of the model and scheduler in use. */
    @Override
    public ReadOnlyObjectProperty<GenerationLimits> limitsProperty() {
        return limits.getReadOnlyProperty();
    }

    /** What is wrong with each control, in the panel's order; empty when Generate may run. */
    @Override
    public ReadOnlyObjectProperty<Map<ControlInput, String>> problemsProperty() {
        return problems.getReadOnlyProperty();
    }

    /** Text of a control the user typed that is not a number, or null. */
    @Override
    public String unparsableText(ControlInput input) {
        return unparsable.get(input);
    }

    /**
     * The prompt as sent follows every change at once; its budget (which carries the prompt it
     * counted, so a view listening to the budget alone sees both at once) arrives when counted.
     */
    private void recompute() {
        PromptFields current = promptFields();
        assembled.set(PromptAssembler.assemble(current));
        counting.request(current, tokenCounter.get(), budget::set);
    }

    @Override
    public StringProperty field(ComposerField field) {
        StringProperty p = fields.get(field);
        if (p == null) {
            throw new IllegalArgumentException(field + " is not an editable field");
        }
        return p;
    }

    /** Non-null while the user edits the assembled prompt as text; null to follow the fields. */
    @Override
    public ObjectProperty<String> editedPromptProperty() {
        return editedPrompt;
    }

    /** The positive prompt exactly as it will be sent, with each field's span. */
    @Override
    public ReadOnlyObjectProperty<PromptAssembly> assembledProperty() {
        return assembled.getReadOnlyProperty();
    }

    /** The latest counted budget; it may lag {@link #assembledProperty()} while the user types. */
    @Override
    public ReadOnlyObjectProperty<ComposerTokenBudget> budgetProperty() {
        return budget.getReadOnlyProperty();
    }

    @Override
    public ObjectProperty<TokenBudgetCalculator> tokenCounterProperty() {
        return tokenCounter;
    }

    @Override
    public ObjectProperty<Vocabulary> vocabularyProperty() {
        return vocabulary;
    }

    @Override
    public ObservableList<ModelEntry> models() {
        return models;
    }

    public ObservableList<Path> userModelDirs() {
        return userModelDirs;
    }

    /** Broken folders under the models root hidden from the picker (remembered in the settings). */
    @Override
    public ObservableList<Path> hiddenModelDirs() {
        return hiddenModelDirs;
    }

    /** Why each model folder read so far cannot be used, by normalised absolute path; absent = usable. */
    @Override
    public ObservableMap<Path, String> modelProblems() {
        return modelProblems;
    }

    /** Why {@code entry} cannot be used, or null when it was not read yet or is fine. */
    @Override
    public String problemOf(ModelEntry entry) {
        return entry == null ? null : modelProblems.get(entry.dir().toAbsolutePath().normalize());
    }

    /** The memory budget as typed; "" = the default share of the machine's memory. */
    @Override
    public StringProperty memoryBudgetProperty() {
        return memoryBudget;
    }

    /** The default memory budget in bytes (a share of the machine's RAM). */
    @Override
    public long defaultMemoryBudget() {
        return defaultMemoryBudget;
    }

    /** The budget jobs run under: the typed one while it is valid, else the default. */
    public ReadOnlyLongProperty memoryBudgetBytesProperty() {
        return memoryBudgetBytes.getReadOnlyProperty();
    }

    @Override
    public ObjectProperty<ModelEntry> modelProperty() {
        return model;
    }

    @Override
    public ObjectProperty<ControlDefaults> defaultsProperty() {
        return defaults;
    }

    /** "" means the model's own scheduler. */
    @Override
    public StringProperty schedulerProperty() {
        return scheduler;
    }

    public IntegerProperty batchCountProperty() {
        return batchCount;
    }

    @Override
    public IntegerProperty stepsProperty() {
        return steps;
    }

    @Override
    public DoubleProperty guidanceProperty() {
        return guidance;
    }

    @Override
    public LongProperty seedProperty() {
        return seed;
    }

    @Override
    public BooleanProperty seedLockedProperty() {
        return seedLocked;
    }

    @Override
    public IntegerProperty widthProperty() {
        return width;
    }

    @Override
    public IntegerProperty heightProperty() {
        return height;
    }

    @Override
    public ObjectProperty<Device> deviceProperty() {
        return device;
    }

    /** Where runs actually go, e.g. "CUDA not available: runs on CPU"; "" when as chosen. */
    @Override
    public StringProperty deviceNoteProperty() {
        return deviceNote;
    }

    public PromptFields promptFields() {
        Map<ComposerField, String> values = new EnumMap<>(ComposerField.class);
        fields.forEach((f, p) -> values.put(f, p.get()));
        return PromptFields.of(values, editedPrompt.get());
    }

    public void applyPrompt(PromptFields prompt) {
        editedPrompt.set(null);
        fields.forEach((f, p) -> p.set(prompt.get(f)));
        editedPrompt.set(prompt.editedPrompt());
    }

    /** Takes a model's preferred settings (the first model of a session). */
    public void applyDefaults(ControlDefaults d) {
        defaults.set(d);
        unparsable.clear();
        steps.set(d.steps());
        guidance.set(d.guidance());
        scheduler.set(d.scheduler() == null ? "" : d.scheduler());
        width.set(d.width());
        height.set(d.height());
    }

    /**
     * Switches to another model's limits, keeping the user's scheduler, steps, guidance and size
     * where the new model accepts them; each value that does not fit takes the model's default.
     *
     * @return one line per value that changed, e.g. "steps 200 → 20 (this model allows 1 to 150)"
     */
    public List<String> switchDefaults(ControlDefaults d) {
        List<String> changed = new ArrayList<>();
        defaults.set(d);
        if (!scheduler.get().isEmpty() && !d.limits().containsKey(scheduler.get())) {
            String want = d.scheduler() == null ? "" : d.scheduler();
            changed.add("scheduler " + scheduler.get() + " → " + (want.isEmpty() ? "model default" : want));
            scheduler.set(want);
        }
        GenerationLimits l = d.limits(scheduler.get());
        if (unparsable.containsKey(ControlInput.STEPS) || l.stepsProblem(steps.get()).isPresent()) {
            changed.add("steps " + shown(ControlInput.STEPS, steps.get()) + " → " + d.steps()
                    + " (this model allows " + GenerationLimits.MIN_STEPS + " to " + l.maxSteps() + ")");
            unparsable.remove(ControlInput.STEPS);
            steps.set(d.steps());
        }
        if (unparsable.containsKey(ControlInput.GUIDANCE) || GenerationLimits.guidanceProblem(guidance.get()).isPresent()) {
            changed.add("guidance " + shown(ControlInput.GUIDANCE, guidance.get()) + " → " + d.guidance());
            unparsable.remove(ControlInput.GUIDANCE);
            guidance.set(d.guidance());
        }
        boolean sizeFits = !unparsable.containsKey(ControlInput.WIDTH) && !unparsable.containsKey(ControlInput.HEIGHT)
                && l.sideProblem("width", width.get()).isEmpty() && l.sideProblem("height", height.get()).isEmpty();
        if (!sizeFits) {
            changed.add("size " + shown(ControlInput.WIDTH, width.get()) + "×" + shown(ControlInput.HEIGHT, height.get())
                    + " → " + d.width() + "×" + d.height() + " (this model allows multiples of " + l.sizeMultiple()
                    + " from " + l.minSide() + " to " + l.maxSide() + ")");
            unparsable.remove(ControlInput.WIDTH);
            unparsable.remove(ControlInput.HEIGHT);
            width.set(d.width());
            height.set(d.height());
        }
        return changed;
    }

    private String shown(ControlInput input, Number value) {
        String text = unparsable.get(input);
        if (text != null) {
            return "\"" + text + "\"";
        }
        return value instanceof Double dbl && dbl == Math.rint(dbl) ? Long.toString(dbl.longValue()) : value.toString();
    }

    /**
     * The job for the next run, exactly as the controls show it (never corrected). An unlocked seed is
     * re-rolled first (and shown), so every run is reproducible from what the window displays; a
     * locked seed of -1 rolls a new seed for each run (A1111's rule) and keeps showing -1.
     *
     * @throws IllegalStateException naming the first invalid control
     */
    public JobSpec nextJob(RandomGenerator random) {
        checkRunnable();
        if (!seedLocked.get()) {
            seed.set(Seeds.roll(random));
        }
        return jobWithSeed(Seeds.resolve(seed.get(), random));
    }

    /**
     * The job the controls describe now, with the seed shown (0 for a locked -1), rolling nothing:
     * what the comparison workbench checks its axes and estimate against while they are typed.
     */
    public JobSpec currentJob() {
        checkRunnable();
        return jobWithSeed(Math.max(0, seed.get()));
    }

    private void checkRunnable() {
        if (model.get() == null) {
            throw new IllegalStateException("No model selected: add a model folder with the + button.");
        }
        if (!problems.get().isEmpty()) {
            throw new IllegalStateException(problems.get().values().iterator().next());
        }
    }

    private JobSpec jobWithSeed(long runSeed) {
        ModelEntry entry = model.get();
        String negative = PromptAssembler.negative(promptFields());
        GenerationRequest request = new GenerationRequest(assembled.get().prompt(), negative.isEmpty() ? null : negative,
                runSeed, steps.get(), guidance.get(),
                scheduler.get().isBlank() ? null : SchedulerKind.fromCliName(scheduler.get()), null,
                width.get(), height.get(), Emphasis.ORIGINAL);
        return new JobSpec(request, entry.dir(), device.get(), JobOrigin.SINGLE, promptFields().toMap());
    }

    /** Restores prompt and controls from a finished run (history click). */
    public void applyRun(GenerationRequest request, String schedulerName, Device runDevice, PromptFields prompt) {
        applyPrompt(prompt);
        unparsable.clear();
        seed.set(request.seed());
        steps.set(request.steps());
        guidance.set(request.guidance());
        scheduler.set(schedulerName == null ? "" : schedulerName);
        width.set(request.width());
        height.set(request.height());
        device.set(runDevice);
    }

    public Settings toSettings(double windowWidth, double windowHeight, Double windowX, Double windowY) {
        ModelEntry entry = model.get();
        return new Settings(entry == null ? null : entry.dir().toString(),
                userModelDirs.stream().map(Path::toString).toList(), scheduler.get().isBlank() ? null : scheduler.get(),
                steps.get(), guidance.get(), seed.get(), seedLocked.get(), width.get(), height.get(),
                device.get().name(), promptFields(), windowWidth, windowHeight, windowX, windowY,
                memoryBudget.get().isBlank() ? null : memoryBudget.get(),
                hiddenModelDirs.stream().map(Path::toString).toList());
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
        if (s.width() > 0 && s.height() > 0) { // shown as saved: an out-of-range size is marked, not changed
            width.set(s.width());
            height.set(s.height());
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
