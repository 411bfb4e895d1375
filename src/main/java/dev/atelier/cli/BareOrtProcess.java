package dev.atelier.cli;

import dev.atelier.onnx.BareOrtLoop;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * The whole-process floor for {@code generate}'s start-up: a bare ONNX Runtime program doing the same
 * work — open the three sessions of a model folder, one guided generation ({@link BareOrtLoop}) —
 * and nothing else: no picocli, no logging set-up, no JSON, no model-folder checks, no tokenizer.
 * Started as {@code java -cp atelier.jar dev.atelier.cli.BareOrtProcess DIR [SIZE] [STEPS]} so
 * that it runs on the same JVM, jar and natives as {@code ./atelier generate} (docs/PERFORMANCE.md).
 */
public final class BareOrtProcess {
    private BareOrtProcess() {
    }

    public static void main(String[] args) {
        if (args.length < 1 || args.length > 3 || !Files.isDirectory(Path.of(args[0]))) {
            System.err.println("usage: BareOrtProcess MODEL_DIR [SIZE_PX (64)] [STEPS (20)]; expected a model folder");
            System.exit(2);
        }
        int size = args.length > 1 ? Integer.parseInt(args[1]) : 64;
        int steps = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long t0 = System.nanoTime();
        try (BareOrtLoop bare = BareOrtLoop.open(Path.of(args[0]))) {
            long t1 = System.nanoTime();
            bare.generate(size / 8, size / 8, steps, 7.5f, 1); // SD's VAE scale factor
            System.out.printf(Locale.ROOT, "bare %dx%d, %d steps: sessions %.0f ms, generation %.0f ms%n", size, size,
                    steps, (t1 - t0) / 1e6, (System.nanoTime() - t1) / 1e6);
        }
    }
}
