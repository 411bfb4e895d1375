package dev.atelier.wildcard;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The {@code wildcards/} folder: {@code __name__} reads {@code name.txt} (one option a line,
 * blank lines and {@code #} comments skipped), {@code __animals/cats__} a file in a subfolder, and
 * {@code __colours*__} every file whose name matches, in name order (sd-dynamic-prompts' rules).
 * Files are read once and cached; make a new instance to see edits.
 */
public final class WildcardFolder {
    private final Path root;
    private final Map<String, List<String>> cache = new ConcurrentHashMap<>();

    public WildcardFolder(Path root) {
        this.root = Objects.requireNonNull(root, "root");
    }

    public Path root() {
        return root;
    }

    /**
     * The options of wildcard {@code name}.
     *
     * @throws WildcardException when no file matches, naming the file expected
     */
    public List<String> options(String name) {
        if (name.isBlank() || name.contains("..") || name.startsWith("/") || name.contains("\\")) {
            throw new WildcardException("wildcard __" + name + "__ is not a valid name; expected letters, digits and / for subfolders");
        }
        return cache.computeIfAbsent(name, this::load);
    }

    private List<String> load(String name) {
        List<Path> files = new ArrayList<>();
        try {
            if (name.contains("*") || name.contains("?")) {
                PathMatcher matcher = FileSystems.getDefault().getPathMatcher("glob:" + name + ".txt");
                if (Files.isDirectory(root)) {
                    try (Stream<Path> all = Files.walk(root)) {
                        all.filter(Files::isRegularFile).filter(p -> matcher.matches(root.relativize(p)))
                                .sorted().forEach(files::add);
                    }
                }
            } else if (Files.isRegularFile(root.resolve(name + ".txt"))) {
                files.add(root.resolve(name + ".txt"));
            }
            if (files.isEmpty()) {
                throw new WildcardException("wildcard __" + name + "__ not found: expected the file "
                        + root.resolve(name + ".txt"));
            }
            List<String> options = new ArrayList<>();
            for (Path file : files) {
                for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                    String option = line.strip();
                    if (!option.isEmpty() && !option.startsWith("#")) {
                        options.add(option);
                    }
                }
            }
            if (options.isEmpty()) {
                throw new WildcardException("wildcard __" + name + "__ has no options: " + files.getFirst()
                        + " holds only blank lines and # comments");
            }
            return List.copyOf(options);
        } catch (java.nio.charset.MalformedInputException e) {
            throw new WildcardException("wildcard __" + name + "__ is not UTF-8 text; expected one option a line in UTF-8");
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read wildcard __" + name + "__ in " + root + ": " + e.getMessage(), e);
        }
    }
}
