package dev.atelier.onnx;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the models shipped with Atelier ({@code models/<name>}): first relative to the working
 * directory, then next to the jar (the jar's folder and its parent, so {@code target/atelier.jar}
 * finds the checkout's {@code models/}).
 */
public final class EmbeddedModels {
    /** The default model used when no {@code --model} is given. */
    public static final String DEFAULT = "tiny-shapes";
    /** The v-prediction sibling of the default model. */
    public static final String V_PREDICTION = "tiny-shapes-v";

    private EmbeddedModels() {
    }

    /** Folder of the embedded model {@code name}, if one of the search locations has it. */
    public static Optional<Path> find(String name) {
        for (Path base : searchRoots()) {
            Path candidate = base.resolve("models").resolve(name);
            if (Files.isDirectory(candidate)) {
                return Optional.of(candidate.toAbsolutePath().normalize());
            }
        }
        return Optional.empty();
    }

    /** The default model's folder, or an exception naming where it was looked for. */
    public static Path defaultModel() {
        return find(DEFAULT).orElseThrow(() -> new ModelFolderException(Path.of("models", DEFAULT),
                "embedded model not found; looked in " + searchRoots() + "; pass --model DIR"));
    }

    /** Where {@code models/} is looked for, in order. */
    public static List<Path> searchRoots() {
        Set<Path> roots = new LinkedHashSet<>();
        roots.add(Path.of("").toAbsolutePath());
        jarFolder().ifPresent(dir -> {
            roots.add(dir);
            if (dir.getParent() != null) {
                roots.add(dir.getParent());
            }
        });
        return List.copyOf(roots);
    }

    private static Optional<Path> jarFolder() {
        try {
            var source = EmbeddedModels.class.getProtectionDomain().getCodeSource();
            if (source == null) {
                return Optional.empty();
            }
            Path location = Path.of(source.getLocation().toURI());
            return Optional.ofNullable(Files.isDirectory(location) ? location : location.getParent());
        } catch (URISyntaxException | SecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
