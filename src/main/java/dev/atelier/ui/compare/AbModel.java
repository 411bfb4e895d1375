package dev.atelier.ui.compare;

import dev.atelier.compare.PromptPart;
import dev.atelier.compare.SettingsDiff;
import dev.atelier.compare.SettingsDiff.SettingDifference;
import dev.atelier.compare.WordDiff;
import dev.atelier.compare.WordDiff.DiffWord;
import dev.atelier.image.PixelDifference;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

import java.util.List;
import java.util.Locale;

/**
 * The A/B view's state: the two sides, the layout, wipe position, which side the toggle shows, the
 * change threshold and the shared zoom and pan; derived from them the pixel difference with its
 * numbers, the settings that differ and a word diff per prompt field. The difference is worked out
 * on the FX thread: one pass over two images, a few milliseconds at 512 × 512.
 */
public final class AbModel {
    /** A prompt field's word diff, for each field that is non-empty on either side. */
    public record FieldWords(PromptPart field, List<DiffWord> words) {
    }

    public static final double MAX_ZOOM = 16;

    private final ObjectProperty<AbSide> left = new SimpleObjectProperty<>();
    private final ObjectProperty<AbSide> right = new SimpleObjectProperty<>();
    private final ObjectProperty<AbMode> mode = new SimpleObjectProperty<>(AbMode.SIDE_BY_SIDE);
    private final DoubleProperty wipe = new SimpleDoubleProperty(0.5);
    private final BooleanProperty showingB = new SimpleBooleanProperty(false);
    private final IntegerProperty threshold = new SimpleIntegerProperty(PixelDifference.DEFAULT_THRESHOLD);
    private final DoubleProperty zoom = new SimpleDoubleProperty(1);
    private final DoubleProperty centerX = new SimpleDoubleProperty(0.5);
    private final DoubleProperty centerY = new SimpleDoubleProperty(0.5);
    private final ObjectProperty<PixelDifference> difference = new SimpleObjectProperty<>();
    private final StringProperty numbers = new SimpleStringProperty("");
    private final ObservableList<SettingDifference> settings = FXCollections.observableArrayList();
    private final ObservableList<FieldWords> words = FXCollections.observableArrayList();
    private final ObservableList<SettingDifference> settingsView = FXCollections.unmodifiableObservableList(settings);
    private final ObservableList<FieldWords> wordsView = FXCollections.unmodifiableObservableList(words);

    public AbModel() {
        threshold.addListener((o, was, now) -> recompute());
    }

    /** Compares {@code a} (left) with {@code b} (right). */
    public void compare(AbSide a, AbSide b) {
        left.set(a);
        right.set(b);
        settings.setAll(SettingsDiff.of(a.settings(), b.settings()));
        words.clear();
        for (PromptPart p : PromptPart.values()) {
            String x = a.settings().prompt().text(p);
            String y = b.settings().prompt().text(p);
            if (!x.isEmpty() || !y.isEmpty()) {
                words.add(new FieldWords(p, WordDiff.of(x, y)));
            }
        }
        recompute();
    }

    private void recompute() {
        AbSide a = left.get();
        AbSide b = right.get();
        if (a == null || b == null) {
            return;
        }
        if (a.image().width() != b.image().width() || a.image().height() != b.image().height()) {
            difference.set(null);
            numbers.set("no pixel difference: A is " + a.image().width() + "x" + a.image().height() + ", B is "
                    + b.image().width() + "x" + b.image().height());
            return;
        }
        PixelDifference d = PixelDifference.of(a.image(), b.image(), threshold.get());
        difference.set(d);
        numbers.set(String.format(Locale.ROOT, "mean absolute difference %.2f / 255 · %.1f %% of pixels changed by more than %d",
                d.meanAbsoluteDifference(), 100 * d.changedShare(), d.threshold()));
    }

    public ReadOnlyObjectProperty<AbSide> leftProperty() {
        return left;
    }

    public ReadOnlyObjectProperty<AbSide> rightProperty() {
        return right;
    }

    public ObjectProperty<AbMode> modeProperty() {
        return mode;
    }

    /** Wipe position: the share of the width, from the left, that shows A. */
    public DoubleProperty wipeProperty() {
        return wipe;
    }

    /** In toggle mode: whether B is shown (else A). */
    public BooleanProperty showingBProperty() {
        return showingB;
    }

    /** The channel change (0..254) a pixel must exceed to count as changed. */
    public IntegerProperty thresholdProperty() {
        return threshold;
    }

    /** Zoom factor shared by both sides, 1 = whole image. */
    public DoubleProperty zoomProperty() {
        return zoom;
    }

    /** The point of the image (as a share of its width) at the middle of both views. */
    public DoubleProperty centerXProperty() {
        return centerX;
    }

    public DoubleProperty centerYProperty() {
        return centerY;
    }

    /** Null until two same-size images are compared. */
    public ReadOnlyObjectProperty<PixelDifference> differenceProperty() {
        return difference;
    }

    /** The difference's numbers as one line, or why there are none. */
    public ReadOnlyStringProperty numbersProperty() {
        return numbers;
    }

    /** Exactly the settings that differ. */
    public ObservableList<SettingDifference> settingsDifferences() {
        return settingsView;
    }

    public ObservableList<FieldWords> fieldWords() {
        return wordsView;
    }

    /** Zooms by {@code factor} (clamped to 1 .. {@link #MAX_ZOOM}) around the current centre. */
    public void zoomBy(double factor) {
        zoom.set(Math.max(1, Math.min(MAX_ZOOM, zoom.get() * factor)));
        clampCenter();
    }

    /** Pans by a share of the visible width and height (a drag across a whole view moves by what it shows). */
    public void panBy(double dxShare, double dyShare) {
        centerX.set(centerX.get() - dxShare / zoom.get());
        centerY.set(centerY.get() - dyShare / zoom.get());
        clampCenter();
    }

    private void clampCenter() {
        double half = 0.5 / zoom.get();
        centerX.set(Math.max(half, Math.min(1 - half, centerX.get())));
        centerY.set(Math.max(half, Math.min(1 - half, centerY.get())));
    }
}
