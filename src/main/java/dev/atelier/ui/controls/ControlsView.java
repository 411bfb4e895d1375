package dev.atelier.ui.controls;

import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationLimits;
import dev.atelier.pipeline.MemoryEstimate;
import dev.atelier.pipeline.Seeds;
import dev.atelier.scheduler.SchedulerKind;
import dev.atelier.ui.canvas.RunState;
import javafx.beans.binding.Bindings;
import javafx.beans.property.Property;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The right panel: model, scheduler, steps, guidance, seed, size and device. */
public final class ControlsView {
    private final VBox root = new VBox(12);
    private final ControlsState model;
    private final ModelFolderPort controller;

    public ControlsView(ControlsState model, ModelFolderPort controller, RunState run) {
        this.model = model;
        this.controller = controller;
        root.setId("controls");
        root.getStyleClass().add("controls");

        GridPane grid = new GridPane();
        grid.getStyleClass().add("controls-grid");
        grid.setHgap(10);
        grid.setVgap(10);
        ColumnConstraints labels = new ColumnConstraints();
        labels.setHalignment(HPos.RIGHT);
        labels.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        ColumnConstraints inputs = new ColumnConstraints();
        inputs.setHgrow(Priority.ALWAYS);
        inputs.setFillWidth(true);
        grid.getColumnConstraints().addAll(labels, inputs);

        int row = 0;
        grid.addRow(row++, label("Model"), new VBox(4, modelPicker(), modelStatus())); // no extra grid row: no extra gap
        grid.addRow(row++, label("Scheduler"), schedulerPicker());
        grid.addRow(row++, label("Steps"), numberField(ControlInput.STEPS, model.stepsProperty()));
        grid.addRow(row++, label("Guidance"), numberField(ControlInput.GUIDANCE, model.guidanceProperty()));
        grid.addRow(row++, label("Seed"), seedRow());
        grid.addRow(row++, label("Size"), sizeRow());
        grid.addRow(row++, label("Memory"), memoryField());
        grid.addRow(row++, label("Device"), devicePicker());
        Label deviceNote = new Label();
        deviceNote.setId("device-note");
        deviceNote.getStyleClass().add("device-note");
        deviceNote.setWrapText(true);
        deviceNote.textProperty().bind(model.deviceNoteProperty());
        deviceNote.visibleProperty().bind(model.deviceNoteProperty().isNotEmpty());
        deviceNote.managedProperty().bind(deviceNote.visibleProperty());
        grid.add(deviceNote, 1, row);
        for (var n : grid.getChildren()) {
            if (n instanceof javafx.scene.layout.Region r && GridPane.getColumnIndex(n) == 1) {
                r.setMaxWidth(Double.MAX_VALUE);
            }
        }
        grid.disableProperty().bind(run.runningProperty());
        Label problem = new Label();
        problem.setId("controls-problem");
        problem.getStyleClass().add("controls-problem");
        problem.setWrapText(true);
        problem.textProperty().bind(Bindings.createStringBinding(() -> model.problemsProperty().get().isEmpty() ? ""
                : "Cannot generate: " + model.problemsProperty().get().values().iterator().next(), model.problemsProperty()));
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());

        Label title = new Label("Generation");
        title.getStyleClass().add("section-title");
        root.getChildren().addAll(title, grid, problem);
    }

    public VBox node() {
        return root;
    }

    private static Label label(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("control-label");
        return l;
    }

    private HBox modelPicker() {
        ComboBox<ModelEntry> picker = new ComboBox<>(model.models());
        picker.setId("model-picker");
        picker.setMaxWidth(Double.MAX_VALUE);
        picker.valueProperty().bindBidirectional(model.modelProperty());
        picker.setOnAction(e -> controller.selectModel(picker.getValue()));
        Button add = new Button("+");
        add.setId("add-model");
        add.getStyleClass().add("icon-button");
        add.setTooltip(new Tooltip("Add a model folder (diffusers ONNX layout)"));
        add.setOnAction(e -> {
            DirectoryChooser chooser = new DirectoryChooser();
            chooser.setTitle("Choose a model folder");
            File dir = chooser.showDialog(root.getScene().getWindow());
            if (dir != null) {
                controller.addModelFolder(dir.toPath());
            }
        });
        picker.setCellFactory(list -> new ModelCell());
        picker.setButtonCell(new ModelCell());
        // a folder turns out broken after it was picked: new cells render the mark
        model.modelProblems().addListener((javafx.collections.MapChangeListener<Path, String>) c -> {
            picker.setCellFactory(list -> new ModelCell());
            picker.setButtonCell(new ModelCell());
        });
        Button remove = new Button("−");
        remove.setId("remove-model");
        remove.getStyleClass().add("icon-button");
        remove.setTooltip(new Tooltip("Remove this folder from the list: a folder you added, or hide one that cannot be"
                + " used (the folder is not deleted)"));
        remove.disableProperty().bind(Bindings.createBooleanBinding(() -> {
            ModelEntry e = model.modelProperty().get();
            return e == null || !(e.userAdded() || model.problemOf(e) != null);
        }, model.modelProperty(), model.modelProblems()));
        remove.setOnAction(e -> controller.removeModelFolder(model.modelProperty().get()));
        add.setMinWidth(Region.USE_PREF_SIZE);
        remove.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(6, picker, add, remove);
        HBox.setHgrow(picker, Priority.ALWAYS);
        return box;
    }

    /** A picker row: the folder's name, marked (with the reason as tooltip) when it cannot be used. */
    private final class ModelCell extends javafx.scene.control.ListCell<ModelEntry> {
        @Override
        protected void updateItem(ModelEntry entry, boolean empty) {
            super.updateItem(entry, empty);
            String problem = empty ? null : model.problemOf(entry);
            setText(empty || entry == null ? null : problem == null ? entry.toString() : entry + "  (cannot be used)");
            setTooltip(problem == null ? null : new Tooltip(problem));
            getStyleClass().removeAll("broken-model");
            if (problem != null) {
                getStyleClass().add("broken-model");
            }
        }
    }

    /**
     * Under the picker: why the selected folder cannot be used (it stays until the folder is fixed
     * or taken off the list with −), and a link that lists hidden folders again.
     */
    private VBox modelStatus() {
        Label problem = new Label();
        problem.setId("model-problem");
        problem.getStyleClass().add("model-problem");
        problem.setWrapText(true);
        problem.setMinHeight(Region.USE_PREF_SIZE); // all wrapped lines, never elided: the reason is the point
        problem.textProperty().bind(Bindings.createStringBinding(() -> {
            String p = model.problemOf(model.modelProperty().get());
            return p == null ? "" : "Cannot be used: " + p + " (− takes it off the list)";
        }, model.modelProperty(), model.modelProblems()));
        problem.visibleProperty().bind(problem.textProperty().isNotEmpty());
        problem.managedProperty().bind(problem.visibleProperty());
        javafx.scene.control.Hyperlink showHidden = new javafx.scene.control.Hyperlink();
        showHidden.setId("show-hidden-models");
        showHidden.textProperty().bind(Bindings.createStringBinding(
                () -> "Show hidden (" + model.hiddenModelDirs().size() + ")", model.hiddenModelDirs()));
        showHidden.visibleProperty().bind(Bindings.isNotEmpty(model.hiddenModelDirs()));
        showHidden.managedProperty().bind(showHidden.visibleProperty());
        showHidden.setOnAction(e -> controller.showHiddenModels());
        VBox box = new VBox(2, problem, showHidden);
        box.visibleProperty().bind(problem.visibleProperty().or(showHidden.visibleProperty()));
        box.managedProperty().bind(box.visibleProperty());
        return box;
    }

    private ComboBox<String> schedulerPicker() {
        List<String> kinds = new ArrayList<>();
        kinds.add("");
        for (SchedulerKind k : SchedulerKind.values()) {
            kinds.add(k.cliName());
        }
        ComboBox<String> picker = new ComboBox<>();
        picker.getItems().setAll(kinds);
        picker.setId("scheduler");
        picker.setConverter(schedulerNames());
        // "model default (ddim)" names the model's scheduler: a new converter re-renders the cells
        model.defaultsProperty().addListener((o, a, d) -> picker.setConverter(schedulerNames()));
        picker.valueProperty().bindBidirectional(model.schedulerProperty());
        return picker;
    }

    private StringConverter<String> schedulerNames() {
        return new StringConverter<>() {
            @Override
            public String toString(String name) {
                if (name == null || name.isEmpty()) {
                    ControlDefaults p = model.defaultsProperty().get();
                    String d = p.scheduler() != null ? p.scheduler() : p.nativeScheduler();
                    return "model default" + (d == null ? "" : " (" + d + ")");
                }
                return name;
            }

            @Override
            public String fromString(String s) {
                return s;
            }
        };
    }

    private HBox seedRow() {
        TextField seed = numberField(ControlInput.SEED, model.seedProperty());
        seed.setPrefColumnCount(10);
        seed.setPromptText("-1 = random");
        ToggleButton lock = new ToggleButton("Lock");
        lock.setId("seed-lock");
        lock.getStyleClass().add("small-button");
        lock.setTooltip(new Tooltip("Keep this seed for every run (A/B comparisons); unlocked, each run rolls a new one"));
        lock.selectedProperty().bindBidirectional(model.seedLockedProperty());
        Button roll = new Button("Roll");
        roll.setId("seed-roll");
        roll.getStyleClass().add("small-button");
        roll.setTooltip(new Tooltip("New random seed"));
        roll.setOnAction(e -> model.typed(ControlInput.SEED, Long.toString(Seeds.roll(ThreadLocalRandom.current()))));
        lock.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        roll.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox box = new HBox(6, seed, lock, roll);
        HBox.setHgrow(seed, Priority.ALWAYS);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private HBox sizeRow() {
        TextField width = numberField(ControlInput.WIDTH, model.widthProperty());
        TextField height = numberField(ControlInput.HEIGHT, model.heightProperty());
        for (TextField f : List.of(width, height)) {
            f.setPrefColumnCount(5);
            HBox.setHgrow(f, Priority.ALWAYS);
        }
        Label times = new Label("×");
        times.getStyleClass().add("muted");
        times.setMinWidth(Region.USE_PREF_SIZE);
        HBox box = new HBox(6, width, times, height);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /**
     * A text field for one control: what is typed goes to the model as typed (never corrected); an
     * invalid value stays in the field, gets the {@code invalid} class and a tooltip with the allowed
     * range. The field follows the model when the value is set elsewhere (history, model switch).
     */
    private TextField numberField(ControlInput input, Property<Number> value) {
        TextField field = new TextField(format(value.getValue()));
        field.setId(input.label());
        field.getStyleClass().add("number-field");
        field.textProperty().addListener((o, a, text) -> model.typed(input, text));
        field.setOnKeyPressed(e -> { // Up/Down step like the spinners did, to the next allowed value
            int direction = e.getCode() == KeyCode.UP ? 1 : e.getCode() == KeyCode.DOWN ? -1 : 0;
            String next = direction == 0 ? null : model.stepped(input, direction);
            if (next != null) {
                field.setText(next);
                field.end();
                e.consume();
            }
        });
        value.addListener((o, a, v) -> {
            if (model.unparsableText(input) == null && !sameNumber(field.getText(), v)) {
                field.setText(format(v));
            }
        });
        showProblems(field, input);
        return field;
    }

    /**
     * The memory budget: text as typed ("6G", "512M"), empty for the default share of the RAM. A
     * size the model's estimate puts above it is shown here, and Generate is blocked with the reason.
     */
    private TextField memoryField() {
        TextField field = new TextField(model.memoryBudgetProperty().get());
        field.setId(ControlInput.MEMORY_BUDGET.label());
        field.getStyleClass().add("number-field");
        field.setPromptText("default " + MemoryEstimate.readable(model.defaultMemoryBudget()));
        field.textProperty().addListener((o, a, text) -> model.typed(ControlInput.MEMORY_BUDGET, text));
        model.memoryBudgetProperty().addListener((o, a, text) -> {
            if (!text.equals(field.getText().strip())) {
                field.setText(text);
            }
        });
        showProblems(field, ControlInput.MEMORY_BUDGET);
        return field;
    }

    /** Marks {@code field} with the {@code invalid} class and a tooltip naming its problem, else its range. */
    private void showProblems(TextField field, ControlInput input) {
        Tooltip help = new Tooltip();
        Runnable mark = () -> {
            String problem = model.problemsProperty().get().get(input);
            field.getStyleClass().removeAll("invalid");
            if (problem != null) {
                field.getStyleClass().add("invalid");
            }
            help.setText(problem != null ? problem : rangeOf(input));
        };
        model.problemsProperty().addListener((o, a, p) -> mark.run());
        model.limitsProperty().addListener((o, a, l) -> mark.run());
        mark.run();
        field.setTooltip(help);
    }

    /** The allowed range of a control, for its tooltip. */
    private String rangeOf(ControlInput input) {
        GenerationLimits l = model.limitsProperty().get();
        ControlDefaults d = model.defaultsProperty().get();
        return switch (input) {
            case STEPS -> "Steps: " + GenerationLimits.MIN_STEPS + " to " + l.maxSteps() + " for this model and scheduler";
            case GUIDANCE -> "Guidance (CFG scale): 0 to " + (int) GenerationLimits.MAX_GUIDANCE + "; 0 or 1 turns it off";
            case SEED -> "Seed: -1 rolls a random one for each run; 0 to " + Seeds.MAX + " repeats an image";
            case WIDTH, HEIGHT -> "From " + l.minSide() + " to " + l.maxSide() + " in steps of " + l.sizeMultiple()
                    + "; the model was trained at " + d.width() + "×" + d.height();
            case MEMORY_BUDGET -> "Memory budget, e.g. 8G or 512M: sizes estimated above it are refused before they"
                    + " run; empty = " + (int) (GenerationLimits.MEMORY_SHARE * 100) + " % of this machine's memory ("
                    + MemoryEstimate.readable(model.defaultMemoryBudget()) + ")";
        };
    }

    private static String format(Number v) {
        if (v instanceof Double d) {
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString(d.longValue()) : d.toString();
        }
        return v.toString();
    }

    /** True when the field already shows {@code v} (so "7.50" is not rewritten to "7.5" while typing). */
    private static boolean sameNumber(String text, Number v) {
        try {
            return v instanceof Double d ? Double.parseDouble(text.strip()) == d : Long.parseLong(text.strip()) == v.longValue();
        } catch (NumberFormatException e) {
            return false;
        }
    }

    private ComboBox<Device> devicePicker() {
        ComboBox<Device> picker = new ComboBox<>();
        picker.getItems().setAll(Device.values());
        picker.setId("device");
        picker.valueProperty().bindBidirectional(model.deviceProperty());
        picker.disableProperty().bind(Bindings.isEmpty(picker.getItems()));
        return picker;
    }
}
