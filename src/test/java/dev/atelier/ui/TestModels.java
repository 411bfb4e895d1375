package dev.atelier.ui;

import dev.atelier.tokenizer.ReferenceTokenizers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the tests find the embedded model and, failing that, a CLIP tokenizer. */
public final class TestModels {
    /** The checkout's models/ (a developer may point {@code atelier.test.models} at another root holding a tiny-shapes folder). */
    public static final Path MODELS = Path.of(System.getProperty("atelier.test.models", "models")).toAbsolutePath();
    public static final Path TINY_SHAPES = MODELS.resolve("tiny-shapes");

    private TestModels() {
    }

    public static boolean tinyShapesPresent() {
        return Files.isRegularFile(TINY_SHAPES.resolve("unet").resolve("model.onnx"));
    }

    public static void assumeTinyShapes() {
        assumeTrue(tinyShapesPresent(), "embedded model models/tiny-shapes not exported yet");
    }

    /** A CLIP tokenizer folder: the embedded model's, else the SD 1.x one pinned in the test resources. */
    static Path tokenizerDir() {
        if (Files.isDirectory(TINY_SHAPES.resolve("tokenizer"))) {
            return TINY_SHAPES.resolve("tokenizer");
        }
        return ReferenceTokenizers.clipTokenizerDir();
    }

    /** A models root holding one folder "words-only" with a tokenizer but no networks. */
    public static Path modelsRootWithTokenizerOnly(Path tmp) throws IOException {
        Path model = Files.createDirectories(tmp.resolve("models").resolve("words-only"));
        Files.createSymbolicLink(model.resolve("tokenizer"), tokenizerDir());
        return tmp.resolve("models");
    }
}
