package dev.atelier.ui.controls;

import java.nio.file.Path;

/**
 * What the model picker asks of the window: switch, add, remove or unhide model folders (the
 * window reads folders in the background and keeps the list in its settings). The window's
 * controller ({@code ui.app.WorkbenchController}) implements it. Called on the FX thread only.
 */
public interface ModelFolderPort {
    /** Switches to {@code entry}: its folder is read in the background, then its defaults apply. */
    void selectModel(ModelEntry entry);

    /** Adds a folder to the picker (remembered) and selects it. */
    void addModelFolder(Path dir);

    /** Takes a folder the user added, or a broken one, off the picker (the folder is untouched). */
    void removeModelFolder(ModelEntry entry);

    /** Puts every hidden model folder back into the picker. */
    void showHiddenModels();
}
