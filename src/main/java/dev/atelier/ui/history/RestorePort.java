package dev.atelier.ui.history;

import dev.atelier.history.HistoryRecord;
import dev.atelier.image.PixelImage;
import javafx.collections.ObservableList;

/**
 * What the history browser asks of the window: this session's finished runs (the browser refreshes
 * when one is added) and putting a stored run back into the workbench. The window's controller
 * ({@code ui.app.WorkbenchController}) implements it. Called on the FX thread only.
 */
public interface RestorePort {
    /** This session's finished runs, newest first. */
    ObservableList<HistoryEntry> history();

    /**
     * Puts a stored generation back: prompt, composer fields and settings, its image, and its steps
     * when this session still holds them. {@code image} may be null (file missing).
     */
    void restore(HistoryRecord record, PixelImage image);
}
