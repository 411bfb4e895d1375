package dev.atelier.ui.controls;

import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationLimits;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.LongProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.ObservableList;
import javafx.collections.ObservableMap;

import java.nio.file.Path;
import java.util.Map;

/**
 * The generation controls' observable state, all that {@link ControlsView} reads and writes: the
 * model list and choice, the settings, what is wrong with them. The window's shared model
 * ({@code ui.app.WorkbenchModel}) implements it, so the controls need nothing of the window.
 * Touched on the FX thread only.
 */
public interface ControlsState {
    /** The picker's folders. */
    ObservableList<ModelEntry> models();

    ObjectProperty<ModelEntry> modelProperty();

    /** Why each model folder read so far cannot be used, by normalised absolute path; absent = usable. */
    ObservableMap<Path, String> modelProblems();

    /** Why {@code entry} cannot be used, or null when it was not read yet or is fine. */
    String problemOf(ModelEntry entry);

    /** Broken folders under the models root hidden from the picker. */
    ObservableList<Path> hiddenModelDirs();

    /** The model's preferred settings and limits. */
    ReadOnlyObjectProperty<ControlDefaults> defaultsProperty();

    /** "" means the model's own scheduler. */
    StringProperty schedulerProperty();

    IntegerProperty stepsProperty();

    DoubleProperty guidanceProperty();

    LongProperty seedProperty();

    BooleanProperty seedLockedProperty();

    IntegerProperty widthProperty();

    IntegerProperty heightProperty();

    ObjectProperty<Device> deviceProperty();

    /** Where runs actually go, e.g. "CUDA not available: runs on CPU"; "" when as chosen. */
    ReadOnlyStringProperty deviceNoteProperty();

    /** The memory budget as typed; "" = the default share of the machine's memory. */
    ReadOnlyStringProperty memoryBudgetProperty();

    /** The default memory budget in bytes (a share of the machine's RAM). */
    long defaultMemoryBudget();

    /** What the user typed into a control, taken as typed (never corrected). */
    void typed(ControlInput input, String text);

    /** The value one step up (1) or down (-1) from the control's current one, or null. */
    String stepped(ControlInput input, int direction);

    /** Text of a control the user typed that is not a number, or null. */
    String unparsableText(ControlInput input);

    /** The ranges of the model and scheduler in use. */
    ReadOnlyObjectProperty<GenerationLimits> limitsProperty();

    /** What is wrong with each control, in the panel's order; empty when Generate may run. */
    ReadOnlyObjectProperty<Map<ControlInput, String>> problemsProperty();
}
