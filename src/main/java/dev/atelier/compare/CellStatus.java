package dev.atelier.compare;

/** Where a cell of a saved grid stands. */
public enum CellStatus {
    PENDING, DONE, FAILED, CANCELLED
}
