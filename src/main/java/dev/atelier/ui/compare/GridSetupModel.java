package dev.atelier.ui.compare;

import javafx.beans.property.BooleanProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.util.List;
import java.util.stream.IntStream;

/**
 * The grid set-up form's state, on the FX thread: up to {@link #AXES} axis texts with the parser's
 * message for each, the estimate, why Start is blocked, the seed sweep's count, the axis to extend
 * a grid with, and a status line. {@link CompareSession} fills the derived parts.
 */
public final class GridSetupModel {
    /** Columns, rows, pages. */
    public static final int AXES = 3;
    public static final int DEFAULT_SWEEP = 8;
    public static final int MAX_SWEEP = 64;

    private final List<StringProperty> axisTexts = IntStream.range(0, AXES).mapToObj(i -> (StringProperty) new SimpleStringProperty("")).toList();
    private final List<StringProperty> axisErrors = IntStream.range(0, AXES).mapToObj(i -> (StringProperty) new SimpleStringProperty("")).toList();
    private final StringProperty base = new SimpleStringProperty("");
    private final StringProperty estimate = new SimpleStringProperty("");
    private final StringProperty blocked = new SimpleStringProperty("give at least one axis, e.g. seed=1-4");
    private final StringProperty status = new SimpleStringProperty("");
    private final StringProperty extendText = new SimpleStringProperty("");
    private final IntegerProperty sweepCount = new SimpleIntegerProperty(DEFAULT_SWEEP);
    private final BooleanProperty running = new SimpleBooleanProperty(false);
    private final BooleanProperty hasManifest = new SimpleBooleanProperty(false);

    /** The text of axis {@code i} (0 = columns, 1 = rows, 2 = pages), e.g. {@code seed=1-4}. */
    public StringProperty axisText(int i) {
        return axisTexts.get(i);
    }

    /** The parser's message for axis {@code i}; empty when it parses. */
    public StringProperty axisError(int i) {
        return axisErrors.get(i);
    }

    public List<StringProperty> axisTexts() {
        return axisTexts;
    }

    /** What the grid starts from: the composer's model, prompt and settings, in one line. */
    public StringProperty baseProperty() {
        return base;
    }

    /** Cells, steps and expected time of the grid as typed; empty while it does not parse. */
    public StringProperty estimateProperty() {
        return estimate;
    }

    /** Why Start cannot be pressed; empty when it can. */
    public StringProperty blockedProperty() {
        return blocked;
    }

    public StringProperty statusProperty() {
        return status;
    }

    /** An axis with more values for the grid on show, e.g. {@code seed=5-6}. */
    public StringProperty extendTextProperty() {
        return extendText;
    }

    public IntegerProperty sweepCountProperty() {
        return sweepCount;
    }

    /** A grid or ablation of this window is running. */
    public BooleanProperty runningProperty() {
        return running;
    }

    /** A grid with a manifest is on show (it can be saved, re-run and extended). */
    public BooleanProperty hasManifestProperty() {
        return hasManifest;
    }
}
