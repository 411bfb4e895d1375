package dev.atelier.onnx;

import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The ONNX signature fixtures written by {@code tools/recipe.py fixtures} into
 * {@code src/test/resources/fixtures/<name>} (overridable with {@code -Datelier.fixtures=DIR}).
 * Tests that need one skip cleanly when it is absent.
 */
public final class Fixtures {
    public static final String SD15 = "sd15";
    public static final String SD2V = "sd2v";
    public static final String SDXL = "sdxl";
    public static final String SD15_FP16 = "sd15-fp16";
    public static final String LCM = "lcm";

    private Fixtures() {
    }

    public static Path root() {
        String override = System.getProperty("atelier.fixtures");
        return override != null ? Path.of(override) : Path.of("src", "test", "resources", "fixtures");
    }

    /** The fixture folder, or a skipped test when it has not been generated. */
    public static Path fixture(String name) {
        Path dir = root().resolve(name).toAbsolutePath();
        Assumptions.assumeTrue(Files.isRegularFile(dir.resolve("unet").resolve("model.onnx")),
                "fixture " + name + " not generated (python3 tools/recipe.py fixtures)");
        return dir;
    }

    /** The embedded model {@code name}, or a skipped test when it has not been trained yet. */
    public static Path embeddedModel(String name) {
        var dir = EmbeddedModels.find(name);
        Assumptions.assumeTrue(dir.isPresent() && Files.isRegularFile(dir.get().resolve("unet").resolve("model.onnx")),
                "embedded model models/" + name + " not present yet");
        return dir.get();
    }

    /** A writable copy of fixture {@code name} under {@code tempDir}, for breaking it. */
    public static Path copy(String name, Path tempDir) {
        Path source = fixture(name);
        Path target = tempDir.resolve(name);
        try (Stream<Path> files = Files.walk(source)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(source.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(p, dest, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
