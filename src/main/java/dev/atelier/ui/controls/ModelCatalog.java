package dev.atelier.ui.controls;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/** Model folders: every folder under the models root, then the folders the user added. */
public final class ModelCatalog {
    /** The model shipped in the repository, preferred on a fresh start. */
    public static final String EMBEDDED = "tiny-shapes";

    private final Path modelsRoot;

    public ModelCatalog(Path modelsRoot) {
        this.modelsRoot = modelsRoot;
    }

    public Path modelsRoot() {
        return modelsRoot;
    }

    public List<ModelEntry> list(List<Path> userFolders) {
        List<ModelEntry> out = new ArrayList<>();
        Set<Path> seen = new LinkedHashSet<>();
        if (Files.isDirectory(modelsRoot)) {
            try (Stream<Path> children = Files.list(modelsRoot)) {
                children.filter(Files::isDirectory).sorted(Comparator.comparing(p -> p.getFileName().toString()))
                        .forEach(p -> {
                            if (seen.add(p.toAbsolutePath().normalize())) {
                                out.add(new ModelEntry(p.getFileName().toString(), p, false));
                            }
                        });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + modelsRoot, e);
            }
        }
        for (Path p : userFolders) {
            if (seen.add(p.toAbsolutePath().normalize())) {
                out.add(new ModelEntry(p.getFileName() == null ? p.toString() : p.getFileName().toString(), p, true));
            }
        }
        return out;
    }

    /** The entry to select: the remembered one if still listed, else the embedded model, else the first. */
    public static ModelEntry pick(List<ModelEntry> entries, Path remembered) {
        if (remembered != null) {
            Path want = remembered.toAbsolutePath().normalize();
            for (ModelEntry e : entries) {
                if (e.dir().toAbsolutePath().normalize().equals(want)) {
                    return e;
                }
            }
        }
        return entries.stream().filter(e -> e.name().equals(EMBEDDED)).findFirst()
                .orElse(entries.isEmpty() ? null : entries.getFirst());
    }
}
