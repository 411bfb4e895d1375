package dev.atelier.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The SD 1.5-shaped benchmark model (realistic widths, tiny depth, random weights): too large for the
 * jar, so {@code tools/sd15_shaped.py} generates it into {@code target/bench-models/sd15-shaped} of
 * the source checkout the first time a benchmark needs it.
 */
final class BenchModel {
    static final Path FOLDER = Path.of("target", "bench-models", "sd15-shaped");
    static final Path SCRIPT = Path.of("tools", "sd15_shaped.py");
    /** Debian's interpreter, which has python3-torch and python3-onnx (see the script's header). */
    static final String PYTHON = "/usr/bin/python3";

    private BenchModel() {
    }

    /** The model folder under the working directory, generated first when it is missing. */
    static Path folder() {
        Path dir = FOLDER.toAbsolutePath();
        if (Files.isDirectory(dir)) {
            return dir;
        }
        if (!Files.isRegularFile(SCRIPT)) {
            throw new UsageException("the SD 1.5-shaped benchmark model is missing (" + dir + ") and " + SCRIPT
                    + " is not here to make it; run from the source checkout or pass --model DIR");
        }
        System.err.println("generating " + dir + " with " + SCRIPT + " (a few minutes, about 1.6 GB)");
        try {
            Process p = new ProcessBuilder(List.of(PYTHON, SCRIPT.toString(), "--out", dir.toString()))
                    .inheritIO().start();
            int rc = p.waitFor();
            if (rc != 0 || !Files.isDirectory(dir)) {
                throw new UsageException(SCRIPT + " failed (exit " + rc + "); expected it to write " + dir
                        + " (needs " + PYTHON + " with torch and onnx)");
            }
            return dir;
        } catch (IOException e) {
            throw new UsageException("cannot start " + PYTHON + " to make the benchmark model: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UsageException("interrupted while making the benchmark model");
        }
    }
}
