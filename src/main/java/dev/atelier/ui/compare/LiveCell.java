package dev.atelier.ui.compare;

import dev.atelier.compare.Axis;
import dev.atelier.compare.GridCell;
import dev.atelier.image.PixelImage;
import dev.atelier.ui.common.FxImages;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyStringProperty;
import javafx.beans.property.SimpleIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.scene.image.Image;

import java.util.ArrayList;
import java.util.List;

/**
 * One cell of a live grid, on the FX thread: its phase, every step preview received so far (kept
 * so scrubbing can go back), its final image, and what the window shows now.
 */
public final class LiveCell {
    private final GridCell cell;
    private final String label;
    private final ObjectProperty<CellPhase> phase = new SimpleObjectProperty<>(CellPhase.PENDING);
    private final StringProperty message = new SimpleStringProperty("");
    private final IntegerProperty totalSteps = new SimpleIntegerProperty(0);
    private final IntegerProperty latestStep = new SimpleIntegerProperty(-1);
    private final IntegerProperty shownStep = new SimpleIntegerProperty(-1);
    private final ObjectProperty<Image> shownImage = new SimpleObjectProperty<>();
    private final List<PixelImage> previews = new ArrayList<>();
    private PixelImage finalImage;
    private Image finalFx;

    LiveCell(GridCell cell, List<Axis> axes) {
        this.cell = cell;
        List<String> parts = new ArrayList<>();
        for (int k = 0; k < axes.size(); k++) {
            parts.add(axes.get(k).name() + ": " + axes.get(k).values().get(cell.position().get(k)));
        }
        this.label = String.join(", ", parts);
    }

    public GridCell cell() {
        return cell;
    }

    public int index() {
        return cell.index();
    }

    /** The cell's axis values, e.g. {@code seed: 3, model: tiny-shapes}. */
    public String label() {
        return label;
    }

    public ReadOnlyObjectProperty<CellPhase> phaseProperty() {
        return phase;
    }

    public CellPhase phase() {
        return phase.get();
    }

    /** Why the cell failed; empty otherwise. */
    public ReadOnlyStringProperty messageProperty() {
        return message;
    }

    public ReadOnlyIntegerProperty totalStepsProperty() {
        return totalSteps;
    }

    /** The newest step received (0-based), -1 before the first. */
    public ReadOnlyIntegerProperty latestStepProperty() {
        return latestStep;
    }

    /** The step whose preview is shown now (0-based), -1 when nothing is shown yet. */
    public ReadOnlyIntegerProperty shownStepProperty() {
        return shownStep;
    }

    public ReadOnlyObjectProperty<Image> shownImageProperty() {
        return shownImage;
    }

    /** The finished image, null until the cell is done. */
    public PixelImage finalImage() {
        return finalImage;
    }

    /** The preview recorded for {@code step}, or null if none arrived for it. */
    public PixelImage preview(int step) {
        return step >= 0 && step < previews.size() ? previews.get(step) : null;
    }

    /** What an A/B view compares: the final image once there is one, else the newest preview. */
    public PixelImage bestImage() {
        if (finalImage != null) {
            return finalImage;
        }
        return preview(latestStep.get());
    }

    void started(int total) {
        totalSteps.set(total);
        phase.set(CellPhase.RUNNING);
    }

    void recordStep(int step, int total, PixelImage preview) {
        if (phase.get() == CellPhase.PENDING) {
            phase.set(CellPhase.RUNNING);
        }
        totalSteps.set(total);
        while (previews.size() <= step) {
            previews.add(null);
        }
        previews.set(step, preview);
        latestStep.set(Math.max(latestStep.get(), step));
    }

    void finished(PixelImage image) {
        finalImage = image;
        finalFx = null;
        if (totalSteps.get() == 0) {
            totalSteps.set(1);
        }
        phase.set(CellPhase.DONE);
    }

    void failed(String why) {
        message.set(why);
        phase.set(CellPhase.FAILED);
    }

    void cancelled() {
        phase.set(CellPhase.CANCELLED);
    }

    /**
     * Shows the cell at {@code step} (clamped to what has arrived; a step without a preview shows
     * the nearest earlier one). The last step of a finished cell shows its final image.
     */
    void show(int step) {
        int total = totalSteps.get();
        if (finalImage != null && step >= total - 1) {
            if (finalFx == null) {
                finalFx = FxImages.toFx(finalImage);
            }
            shownStep.set(total - 1);
            shownImage.set(finalFx);
            return;
        }
        for (int s = Math.min(step, latestStep.get()); s >= 0; s--) {
            PixelImage p = preview(s);
            if (p != null) {
                shownStep.set(s);
                shownImage.set(FxImages.toFx(p));
                return;
            }
        }
    }
}
