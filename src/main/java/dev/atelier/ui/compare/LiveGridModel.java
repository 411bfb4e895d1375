package dev.atelier.ui.compare;

import dev.atelier.compare.GridPlan;
import dev.atelier.compare.StepScrub;
import dev.atelier.image.PixelImage;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.DoubleProperty;
import javafx.beans.property.IntegerProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleDoubleProperty;
import javafx.beans.property.SimpleIntegerProperty;

import java.util.List;

/**
 * The state of a live grid, on the FX thread: one {@link LiveCell} per planned cell, the shared
 * scrub position and the two cells picked for an A/B view. While {@linkplain #liveProperty() live}
 * every cell shows its newest step; once scrubbed, every cell shows the same point of its
 * denoising ({@link StepScrub}: by fraction, so cells with different step counts stay together).
 */
public final class LiveGridModel {
    private final GridPlan plan;
    private final List<LiveCell> cells;
    private final DoubleProperty scrub = new SimpleDoubleProperty(1.0);
    private final BooleanProperty live = new SimpleBooleanProperty(true);
    private final IntegerProperty pickedA = new SimpleIntegerProperty(-1);
    private final IntegerProperty pickedB = new SimpleIntegerProperty(-1);

    public LiveGridModel(GridPlan plan) {
        this.plan = plan;
        this.cells = plan.cells().stream().map(c -> new LiveCell(c, plan.axes())).toList();
        // one listener for every source of movement: the slider, Play's timeline, code
        scrub.addListener((o, was, now) -> {
            if (!live.get()) {
                cells.forEach(this::refresh);
            }
        });
    }

    public GridPlan plan() {
        return plan;
    }

    public List<LiveCell> cells() {
        return cells;
    }

    public LiveCell cell(int index) {
        return cells.get(index);
    }

    /** The scrub position, 0 = first step, 1 = last; Play animates it. */
    public DoubleProperty scrubProperty() {
        return scrub;
    }

    public ReadOnlyBooleanProperty liveProperty() {
        return live;
    }

    /** Moves every cell to {@code fraction} of its denoising and leaves live mode. */
    public void scrubTo(double fraction) {
        live.set(false);
        double f = Math.max(0, Math.min(1, fraction));
        if (scrub.get() == f) {
            cells.forEach(this::refresh);
        } else {
            scrub.set(f);
        }
    }

    /** Back to showing every cell's newest step as it arrives. */
    public void followLive() {
        live.set(true);
        cells.forEach(this::refresh);
    }

    public ReadOnlyIntegerProperty pickedAProperty() {
        return pickedA;
    }

    public ReadOnlyIntegerProperty pickedBProperty() {
        return pickedB;
    }

    /** Picks a cell for the A/B view: the first pick is A, the second B, a third starts again at A. */
    public void pick(int index) {
        if (pickedA.get() < 0 || pickedB.get() >= 0) {
            pickedB.set(-1);
            pickedA.set(index);
        } else if (index != pickedA.get()) {
            pickedB.set(index);
        }
    }

    void started(int index, int total) {
        cells.get(index).started(total);
    }

    void recordStep(int index, int step, int total, PixelImage preview) {
        cells.get(index).recordStep(step, total, preview);
    }

    void finished(int index, PixelImage image) {
        cells.get(index).finished(image);
    }

    void failed(int index, String message) {
        cells.get(index).failed(message);
    }

    void cancelled(int index) {
        cells.get(index).cancelled();
    }

    /** Updates what {@code cell} shows for the current mode and scrub position. */
    void refresh(LiveCell cell) {
        int total = cell.totalStepsProperty().get();
        if (total == 0) {
            return;
        }
        if (live.get()) {
            cell.show(cell.finalImage() != null ? total - 1 : cell.latestStepProperty().get());
        } else {
            cell.show(StepScrub.stepAt(scrub.get(), total));
        }
    }
}
