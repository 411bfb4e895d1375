package dev.atelier.ui.library;

import dev.atelier.image.PixelImage;
import dev.atelier.preset.ComposerText;
import dev.atelier.preset.PresetSettings;

import java.util.Optional;

/**
 * What the library and the inspector may read from and write to the composer and its controls.
 * Called on the FX thread only. {@link dev.atelier.ui.app.WorkbenchComposer} is the window's
 * implementation; it is the one place that knows the workbench's own classes.
 */
public interface ComposerPort {
    /** The composer's fields as they are now. */
    ComposerText text();

    /** Replaces the composer's fields (a text the user edited as a whole goes back to the fields). */
    void apply(ComposerText text);

    /** Scheduler, steps, guidance and size as the controls hold them (the model family is left null). */
    PresetSettings settings();

    /** Sets each setting that is not null; the controls check them as if typed. */
    void applySettings(PresetSettings settings);

    /** Sets the seed and locks it, so the restored image can be made again. */
    void applySeed(long seed);

    /** The image on the canvas (the newest finished one), if any. */
    Optional<PixelImage> currentImage();
}
