package dev.atelier.compare;

import dev.atelier.preset.PresetLibrary;
import dev.atelier.preset.PromptPreset;
import dev.atelier.wildcard.PromptExpander;
import dev.atelier.wildcard.WildcardFolder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@link AxisParser} of a data folder: preset axes find presets in its {@code library.db},
 * variant axes expand with its {@code wildcards/} folder. Shared by the command line and the window.
 */
public final class LibraryAxisParser {
    private LibraryAxisParser() {
    }

    /** A parser over {@code dataRoot}; each preset name is looked up once. */
    public static AxisParser of(Path dataRoot) {
        Path wildcards = dataRoot.resolve("wildcards");
        PromptExpander expander = new PromptExpander(Files.isDirectory(wildcards) ? new WildcardFolder(wildcards) : null);
        Map<String, Optional<PromptPreset>> found = new ConcurrentHashMap<>();
        return new AxisParser(name -> found.computeIfAbsent(name, n -> preset(dataRoot, n)),
                template -> expander.all(template, GridPlan.CONFIRM_ABOVE * 16));
    }

    private static Optional<PromptPreset> preset(Path data, String name) {
        if (!Files.isRegularFile(data.resolve(PresetLibrary.FILE_NAME))) {
            return Optional.empty();
        }
        try (PresetLibrary library = new PresetLibrary(data)) {
            return library.find(name).map(e -> new PromptPreset(e.preset().name(), e.preset().prompt().positive(),
                    e.preset().prompt().negative()));
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read the preset library (" + e.getMessage() + ")");
        }
    }
}
