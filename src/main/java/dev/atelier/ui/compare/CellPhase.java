package dev.atelier.ui.compare;

/** Where a live grid cell stands while the grid runs (the saved grid's {@code CellStatus} has no "running"). */
public enum CellPhase {
    PENDING, RUNNING, DONE, FAILED, CANCELLED;

    /** The pseudo-class name the stylesheet colours the cell's status by. */
    String styleName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
