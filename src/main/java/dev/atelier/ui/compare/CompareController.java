package dev.atelier.ui.compare;

import javafx.util.Duration;

import java.util.function.IntConsumer;

/**
 * What the comparison views' buttons and clicks do: scrub, play, go live, pick cells for A/B. Never
 * touches the scene graph.
 */
public final class CompareController {
    private final LiveGridModel grid;
    private final AbModel ab;
    private final ScrubPlayer player;
    private IntConsumer rerun;

    public CompareController(LiveGridModel grid, AbModel ab, Duration playLength) {
        this.grid = grid;
        this.ab = ab;
        this.player = new ScrubPlayer(grid, playLength);
    }

    /** What "Re-run this cell" does (null: the grid cannot re-run cells, e.g. before it has a manifest). */
    public void setRerun(IntConsumer action) {
        this.rerun = action;
    }

    public boolean canRerun() {
        return rerun != null;
    }

    /** Runs cell {@code index} of the grid again (its context menu). */
    public void rerun(int index) {
        if (rerun != null) {
            rerun.accept(index);
        }
    }

    public ScrubPlayer player() {
        return player;
    }

    /** The slider moved: every cell to {@code fraction} of its denoising; a running Play stops. */
    public void scrub(double fraction) {
        player.stop();
        grid.scrubTo(fraction);
    }

    public void togglePlay() {
        player.toggle();
    }

    public void followLive() {
        player.stop();
        grid.followLive();
    }

    /**
     * A cell was clicked: it becomes A, or B when A is picked; once both have a picture they go to
     * the A/B view. Returns whether the A/B view was filled.
     */
    public boolean pick(int index) {
        grid.pick(index);
        int a = grid.pickedAProperty().get();
        int b = grid.pickedBProperty().get();
        if (a < 0 || b < 0) {
            return false;
        }
        LiveCell left = grid.cell(a);
        LiveCell right = grid.cell(b);
        if (left.bestImage() == null || right.bestImage() == null) {
            return false;
        }
        ab.compare(new AbSide(left.label(), left.cell().settings(), left.bestImage()),
                new AbSide(right.label(), right.cell().settings(), right.bestImage()));
        return true;
    }
}
