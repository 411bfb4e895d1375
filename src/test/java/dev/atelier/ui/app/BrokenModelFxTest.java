package dev.atelier.ui.app;

import dev.atelier.ui.FxHarness;
import dev.atelier.ui.composer.ComposerField;

import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A broken model folder shows one clear message in the window, which stays usable. */
@ExtendWith(ApplicationExtension.class)
class BrokenModelFxTest {
    @TempDir
    static Path tmp;
    private FxHarness fx;

    @Start
    void start(Stage stage) throws IOException {
        Path root = Files.createTempDirectory(tmp, "run");
        Path broken = Files.createDirectories(root.resolve("models/broken-model"));
        Files.writeString(broken.resolve("model_index.json"), "{ \"_class_name\": ");
        fx = FxHarness.start(stage, root.resolve("data"), root.resolve("models"));
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    @Test
    void theErrorIsShownAndTheWindowStaysUsable() throws Exception {
        fx.awaitModelLoaded();
        NoticeBar pane = fx.fx(() -> fx.app.view().notices());
        fx.waitFor(10, pane::isShowing);
        String message = fx.fx(pane::text);
        assertTrue(message.startsWith("Model “broken-model” cannot be used: "), message);
        assertTrue(message.contains("model_index.json"), "names the file: " + message);
        assertFalse(message.contains("\n\tat "), "no stack trace");

        fx.robot.interact(() -> fx.app.model().field(ComposerField.SUBJECT).set(""));
        fx.typeInto("#subject-field", "still works");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("still works", fx.fx(() -> fx.node("#subject-field", TextField.class).getText()));

        // Generating anyway fails cleanly: the message appears again, the window is idle afterwards.
        fx.robot.interact(pane::hide);
        fx.waitFor(10, () -> !pane.isShowing());
        fx.robot.clickOn("#generate");
        fx.waitFor(30, () -> pane.isShowing() && !fx.app.runState().runningProperty().get());
        assertTrue(fx.fx(pane::text).contains("model_index.json"), fx.fx(pane::text));
        assertTrue(fx.fx(() -> fx.app.controller().history().isEmpty()));
        assertFalse(fx.fx(() -> fx.robot.lookup("#generate").query().isDisabled()));
    }
}
