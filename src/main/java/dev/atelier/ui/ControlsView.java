package dev.atelier.ui;

import dev.atelier.onnx.Device;
import dev.atelier.scheduler.SchedulerKind;
import javafx.beans.binding.Bindings;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.SpinnerValueFactory;
import javafx.scene.control.TextField;
import javafx.scene.control.TextFormatter;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.util.StringConverter;

import java.io.File;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/** The right panel: model, scheduler, steps, guidance, seed, size and device. */
final class ControlsView {
    private final VBox root = new VBox(12);
    private final WorkbenchModel model;
    private final WorkbenchController controller;
    private final Spinner<Integer> width = new Spinner<>();
    private final Spinner<Integer> height = new Spinner<>();
    /** asObject() wrappers are only weakly held by their bindings: keep them reachable. */
    private final List<Object> keepAlive = new ArrayList<>();

    ControlsView(WorkbenchModel model, WorkbenchController controller, RunState run) {
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
        grid.addRow(row++, label("Model"), modelPicker());
        grid.addRow(row++, label("Scheduler"), schedulerPicker());
        Spinner<Integer> steps = new Spinner<>(1, 150, model.stepsProperty().get());
        steps.setId("steps");
        steps.setEditable(true);
        var stepsObject = model.stepsProperty().asObject();
        keepAlive.add(stepsObject);
        steps.getValueFactory().valueProperty().bindBidirectional(stepsObject);
        grid.addRow(row++, label("Steps"), steps);
        Spinner<Double> guidance = new Spinner<>(0.0, 30.0, model.guidanceProperty().get(), 0.5);
        guidance.setId("guidance");
        guidance.setEditable(true);
        var guidanceObject = model.guidanceProperty().asObject();
        keepAlive.add(guidanceObject);
        guidance.getValueFactory().valueProperty().bindBidirectional(guidanceObject);
        grid.addRow(row++, label("Guidance"), guidance);
        grid.addRow(row++, label("Seed"), seedRow());
        grid.addRow(row++, label("Size"), sizeRow());
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

        Label title = new Label("Generation");
        title.getStyleClass().add("section-title");
        root.getChildren().addAll(title, grid);
    }

    VBox node() {
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
        HBox box = new HBox(6, picker, add);
        HBox.setHgrow(picker, Priority.ALWAYS);
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
                    ModelPreset p = model.defaultsProperty().get();
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
        TextField seed = new TextField();
        seed.setId("seed");
        seed.setPrefColumnCount(10);
        TextFormatter<Long> formatter = new TextFormatter<>(new javafx.util.converter.LongStringConverter(),
                model.seedProperty().get(), change -> change.getControlNewText().matches("\\d{0,10}") ? change : null);
        seed.setTextFormatter(formatter);
        formatter.valueProperty().addListener((o, a, v) -> {
            if (v != null) {
                model.seedProperty().set(Math.min(v, WorkbenchModel.MAX_SEED));
            }
        });
        model.seedProperty().addListener((o, a, v) -> formatter.setValue(v.longValue()));
        ToggleButton lock = new ToggleButton("Lock");
        lock.setId("seed-lock");
        lock.getStyleClass().add("small-button");
        lock.setTooltip(new Tooltip("Keep this seed for every run (A/B comparisons); unlocked, each run rolls a new one"));
        lock.selectedProperty().bindBidirectional(model.seedLockedProperty());
        Button roll = new Button("Roll");
        roll.setId("seed-roll");
        roll.getStyleClass().add("small-button");
        roll.setTooltip(new Tooltip("New random seed"));
        roll.setOnAction(e -> model.seedProperty().set(ThreadLocalRandom.current().nextLong(WorkbenchModel.MAX_SEED + 1)));
        lock.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        roll.setMinWidth(javafx.scene.layout.Region.USE_PREF_SIZE);
        HBox box = new HBox(6, seed, lock, roll);
        HBox.setHgrow(seed, Priority.ALWAYS);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    private HBox sizeRow() {
        width.setId("width");
        height.setId("height");
        for (Spinner<Integer> s : List.of(width, height)) {
            s.setEditable(true);
            s.setPrefWidth(96);
        }
        configureSize(model.defaultsProperty().get());
        model.defaultsProperty().addListener((o, a, d) -> configureSize(d));
        Label times = new Label("×");
        times.getStyleClass().add("muted");
        HBox box = new HBox(6, width, times, height);
        box.setAlignment(Pos.CENTER_LEFT);
        return box;
    }

    /** Re-creates the size spinners' ranges for the selected model's limits and multiple. */
    private void configureSize(ModelPreset preset) {
        bindSize(width, model.widthProperty(), preset);
        bindSize(height, model.heightProperty(), preset);
        String tip = "From " + preset.minSize() + " to " + preset.maxSize() + " in steps of " + preset.sizeMultiple()
                + "; the model was trained at " + preset.width() + "×" + preset.height();
        width.setTooltip(new Tooltip(tip));
        height.setTooltip(new Tooltip(tip));
    }

    private static void bindSize(Spinner<Integer> spinner, javafx.beans.property.IntegerProperty value, ModelPreset p) {
        var factory = new SpinnerValueFactory.IntegerSpinnerValueFactory(p.minSize(), p.maxSize(),
                p.clampSize(value.get()), p.sizeMultiple());
        spinner.setValueFactory(factory);
        value.set(factory.getValue());
        factory.valueProperty().addListener((o, a, v) -> value.set(v));
        value.addListener((o, a, v) -> {
            if (!v.equals(factory.getValue()) && spinner.getValueFactory() == factory) {
                factory.setValue(p.clampSize(v.intValue()));
            }
        });
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
