package dev.atelier.ui;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** Where the tests find the embedded model and, failing that, a CLIP tokenizer. */
final class TestModels {
    /** The checkout's models/ (a developer may point {@code atelier.test.models} at another root holding a tiny-shapes folder). */
    static final Path MODELS = Path.of(System.getProperty("atelier.test.models", "models")).toAbsolutePath();
    static final Path TINY_SHAPES = MODELS.resolve("tiny-shapes");
    static final Path REFERENCE_TOKENIZER = Path.of("..", "shared", "reference", "clip-tokenizer").toAbsolutePath().normalize();

    private TestModels() {
    }

    static boolean tinyShapesPresent() {
        return Files.isRegularFile(TINY_SHAPES.resolve("unet").resolve("model.onnx"));
    }

    static void assumeTinyShapes() {
        assumeTrue(tinyShapesPresent(), "embedded model models/tiny-shapes not exported yet");
    }

    /** A CLIP tokenizer folder: the embedded model's, else the reference one; skips when neither exists. */
    static Path tokenizerDir() {
        if (Files.isDirectory(TINY_SHAPES.resolve("tokenizer"))) {
            return TINY_SHAPES.resolve("tokenizer");
        }
        assumeTrue(Files.isRegularFile(REFERENCE_TOKENIZER.resolve("vocab.json")),
                "no CLIP tokenizer available (neither models/tiny-shapes nor ../shared/reference)");
        return REFERENCE_TOKENIZER;
    }

    /** A models root holding one folder "words-only" with a tokenizer but no networks. */
    static Path modelsRootWithTokenizerOnly(Path tmp) throws IOException {
        Path model = Files.createDirectories(tmp.resolve("models").resolve("words-only"));
        Files.createSymbolicLink(model.resolve("tokenizer"), tokenizerDir());
        return tmp.resolve("models");
    }
}
