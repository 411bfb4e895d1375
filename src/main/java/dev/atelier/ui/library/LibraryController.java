package dev.atelier.ui.library;

import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.preset.ComposerText;
import dev.atelier.preset.ImportReport;
import dev.atelier.preset.LibraryEntry;
import dev.atelier.preset.OnConflict;
import dev.atelier.preset.Preset;
import dev.atelier.preset.PresetFiles;
import dev.atelier.preset.PresetFormat;
import dev.atelier.preset.PresetLibrary;
import dev.atelier.preset.PresetPrompt;
import dev.atelier.preset.PresetSettings;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The library panel's actions. Every public method is called on the FX thread; the database and
 * files are only touched on the worker thread (through {@link Background}), which also opens the
 * library lazily, so a slow disk never freezes the window. A search answers latest-wins.
 */
public final class LibraryController {
    private final LibraryModel model;
    private final ComposerPort composer;
    private final Background background;
    private final Path folder;
    /** Opened and used on the worker thread only. */
    private PresetLibrary library;
    /** Bumped by every refresh; an older answer that arrives late is dropped. */
    private long generation;

    /** @param folder the data folder the library's {@code library.db} lives in */
    public LibraryController(LibraryModel model, ComposerPort composer, Background background, Path folder) {
        this.model = Objects.requireNonNull(model, "model");
        this.composer = Objects.requireNonNull(composer, "composer");
        this.background = Objects.requireNonNull(background, "background");
        this.folder = Objects.requireNonNull(folder, "folder");
        model.searchProperty().addListener((o, a, b) -> refresh());
        model.tagProperty().addListener((o, a, b) -> refresh());
        model.folderProperty().addListener((o, a, b) -> refresh());
        model.favouritesOnlyProperty().addListener((o, a, b) -> refresh());
    }

    private PresetLibrary library() throws IOException {
        if (library == null) {
            library = new PresetLibrary(folder);
        }
        return library;
    }

    private record Listing(List<LibraryEntry> shown, List<String> tags, List<String> folders) {
    }

    /** Reloads the list for the current filters. */
    public void refresh() {
        long mine = ++generation;
        String text = model.searchProperty().get();
        String tag = model.tagProperty().get();
        String dir = model.folderProperty().get();
        boolean favourites = model.favouritesOnlyProperty().get();
        background.run("Cannot read the preset library", () -> {
            PresetLibrary lib = library();
            return new Listing(lib.search(text, tag, dir, favourites), lib.tags(), lib.folders());
        }, listing -> {
            if (mine != generation) {
                return;
            }
            // only what changed: replacing an equal list would clear the selection and the filters' choice
            if (!model.shown().equals(listing.shown())) {
                model.shown().setAll(listing.shown());
                model.chosen().removeIf(c -> !listing.shown().contains(c));
            }
            if (!model.tags().equals(listing.tags())) {
                model.tags().setAll(listing.tags());
            }
            if (!model.folders().equals(listing.folders())) {
                model.folders().setAll(listing.folders());
            }
        });
    }

    /** Applies the chosen presets to the composer in the order they were chosen (A1111's order). */
    public void applyChosen() {
        List<Preset> presets = model.chosen().stream().map(LibraryEntry::preset).toList();
        if (presets.isEmpty()) {
            background.notifier().info("Choose one or more presets to apply.");
            return;
        }
        ComposerText result = composer.text().applyAll(presets);
        composer.apply(result);
        presets.stream().map(Preset::settings).filter(s -> !s.isEmpty()).forEach(composer::applySettings);
        background.notifier().info("Applied " + String.join(", ", presets.stream().map(Preset::name).toList()));
    }

    /**
     * Saves the composer as the preset {@code name} (replacing one of that name), with the image on
     * the canvas as its thumbnail and, when chosen, the current settings.
     */
    public void saveComposer(String name) {
        Preset draft;
        try {
            draft = new Preset(name.strip(), prompt(composer.text()),
                    model.withSettingsProperty().get() ? composer.settings() : PresetSettings.NONE,
                    null, List.of(), "", null, false, "");
        } catch (IllegalArgumentException e) {
            background.notifier().error("Cannot save the preset: " + e.getMessage());
            return;
        }
        Optional<PixelImage> image = composer.currentImage();
        background.run("Cannot save the preset '" + draft.name() + "'", () -> {
            byte[] thumbnail = image.isPresent() ? pngBytes(image.get()) : null;
            return library().save(draft.withThumbnail(thumbnail));
        }, saved -> {
            background.notifier().info("Saved the preset '" + saved.preset().name() + "'");
            refresh();
        });
    }

    private static PresetPrompt prompt(ComposerText t) {
        return new PresetPrompt(t.field(PresetPrompt.SUBJECT), t.field(PresetPrompt.COMPOSITION), t.field(PresetPrompt.STYLE),
                t.field(PresetPrompt.LIGHTING), t.field(PresetPrompt.FREE_TEXT), t.negative());
    }

    /** The image as PNG bytes (the image package owns the encoder; it writes files only). */
    private static byte[] pngBytes(PixelImage image) throws IOException {
        Path temp = Files.createTempFile("atelier-thumb", ".png");
        try {
            PngFiles.write(image, (String) null, temp);
            return Files.readAllBytes(temp);
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    /** Replaces {@code old} by {@code edited} (renaming it first when the name changed); the thumbnail is kept. */
    public void update(LibraryEntry old, Preset edited) {
        String oldName = old.preset().name();
        background.run("Cannot change the preset '" + oldName + "'", () -> {
            PresetLibrary lib = library();
            if (!oldName.equals(edited.name())) {
                lib.rename(oldName, edited.name());
            }
            return lib.save(edited.withThumbnail(old.preset().thumbnail()));
        }, saved -> refresh());
    }

    public void duplicate(LibraryEntry entry) {
        String name = entry.preset().name();
        background.run("Cannot duplicate '" + name + "'", () -> library().duplicate(name), copy -> {
            background.notifier().info("Duplicated as '" + copy.preset().name() + "'");
            refresh();
        });
    }

    public void toggleFavourite(LibraryEntry entry) {
        String name = entry.preset().name();
        boolean now = !entry.preset().favourite();
        background.run("Cannot mark '" + name + "'", () -> library().setFavourite(name, now), e -> refresh());
    }

    /** Deletes softly; {@link #undoDelete()} brings it back. */
    public void delete(LibraryEntry entry) {
        String name = entry.preset().name();
        background.run("Cannot delete '" + name + "'", () -> library().delete(name), id -> {
            model.undoProperty().set(new LibraryModel.Deleted(id, name));
            background.notifier().info("Deleted '" + name + "' (Undo brings it back)");
            refresh();
        });
    }

    public void undoDelete() {
        LibraryModel.Deleted gone = model.undoProperty().get();
        if (gone == null) {
            return;
        }
        model.undoProperty().set(null);
        background.run("Cannot restore '" + gone.name() + "'", () -> library().restore(gone.id()), back -> {
            background.notifier().info("Restored '" + back.preset().name() + "'");
            refresh();
        });
    }

    /** Imports {@code file}, all or nothing; {@code format} null detects it from the content. */
    public void importFile(Path file, PresetFormat format, OnConflict onConflict) {
        background.run("Cannot import " + file.getFileName(), () -> {
            PresetFiles.Loaded loaded = PresetFiles.read(file, format);
            ImportReport report = library().importAll(loaded.presets(), onConflict);
            return loaded.format().cliName() + ": " + report.summary();
        }, summary -> {
            background.notifier().info("Imported " + file.getFileName() + " (" + summary + ")");
            refresh();
        });
    }

    /** Writes every preset of the library to {@code file} in {@code format}, atomically. */
    public void exportTo(Path file, PresetFormat format) {
        background.run("Cannot export to " + file.getFileName(), () -> {
            List<Preset> all = library().all().stream().map(LibraryEntry::preset).toList();
            PresetFiles.write(file, format, all);
            return all.size();
        }, n -> background.notifier().info("Exported " + n + " presets to " + file));
    }

    /** Closes the database on the worker thread, after any work queued before. */
    public void close() {
        background.execute(() -> {
            try {
                if (library != null) {
                    library.close();
                }
            } catch (IOException e) {
                org.slf4j.LoggerFactory.getLogger(LibraryController.class).warn("Cannot close the preset library", e);
            }
        });
    }
}
