package dev.atelier.ui.library;

import dev.atelier.preset.OnConflict;
import dev.atelier.preset.Preset;
import dev.atelier.preset.PresetFormat;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The questions the library panel asks the user. {@link FxLibraryDialogs} asks them with file
 * choosers and dialogs; tests answer them directly (native dialogs cannot be driven headless).
 * Empty means the user cancelled.
 */
public interface LibraryDialogs {
    Optional<String> presetName(String suggested);

    /** The edited preset (name, tags, note, fields). */
    Optional<Preset> edit(Preset preset);

    Optional<Path> importFile();

    /** Empty inside the answer: detect the format from the content. */
    Optional<Optional<PresetFormat>> importFormat();

    Optional<OnConflict> onConflict();

    Optional<PresetFormat> exportFormat();

    Optional<Path> exportFile(PresetFormat format);
}
