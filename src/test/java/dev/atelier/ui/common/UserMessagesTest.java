package dev.atelier.ui.common;

import dev.atelier.onnx.ModelFolderException;
import org.junit.jupiter.api.Test;

import java.io.UncheckedIOException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.concurrent.ExecutionException;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UserMessagesTest {

    @Test
    void modelFolderProblemsKeepTheirOneLineMessage() {
        var e = new ModelFolderException(Path.of("m/unet/model.onnx"), "file is missing; expected the U-Net");
        assertEquals(Path.of("m/unet/model.onnx") + ": file is missing; expected the U-Net", UserMessages.describe(e));
    }

    @Test
    void wrappersAreSeenThrough() {
        var inner = new IllegalArgumentException("width must be a multiple of 16");
        assertEquals("width must be a multiple of 16", UserMessages.describe(new ExecutionException(inner)));
        assertEquals("File not found: x.json",
                UserMessages.describe(new UncheckedIOException(new NoSuchFileException("x.json"))));
    }

    @Test
    void onlyTheFirstLineIsShown() {
        assertEquals("bad thing", UserMessages.describe(new IllegalStateException("bad thing\n\tat somewhere")));
    }

    @Test
    void messagelessErrorsNameTheirKind() {
        assertEquals("Out of memory: try a smaller image size or fewer models open.",
                UserMessages.describe(new OutOfMemoryError()));
        assertEquals("IllegalState (see the log for details)", UserMessages.describe(new IllegalStateException()));
    }
}
