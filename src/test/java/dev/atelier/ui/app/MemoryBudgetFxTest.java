package dev.atelier.ui.app;

import dev.atelier.ui.FxHarness;
import dev.atelier.ui.TestModels;
import dev.atelier.ui.composer.PromptFields;
import com.fasterxml.jackson.databind.ObjectMapper;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 15: the window's memory budget, restored from settings.json, shown in place when a size
 * exceeds it (Generate blocked with the estimate and the budget), and saved as typed.
 */
@ExtendWith(ApplicationExtension.class)
class MemoryBudgetFxTest {
    @TempDir
    static Path tmp;
    private FxHarness fx;
    private Path settingsFile;

    @Start
    void start(Stage stage) throws IOException {
        TestModels.assumeTinyShapes();
        Path root = Files.createTempDirectory(tmp, "run");
        settingsFile = root.resolve("data").resolve("settings.json");
        // 256² on tiny-shapes needs more than 240 MiB by the core's estimate (the CLI refuses it too)
        Settings saved = new Settings(TestModels.TINY_SHAPES.toString(), List.of(), null, 20, 5, 7, true, 256, 256, "CPU",
                PromptFields.empty(), 1280, 800, 0.0, 0.0, "240M", List.of());
        new SettingsStore(settingsFile, new ObjectMapper()).save(saved);
        fx = FxHarness.start(stage, root.resolve("data"), TestModels.MODELS);
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    private void setBudget(String text) {
        fx.robot.interact(() -> fx.node("#memory-budget", TextField.class).clear());
        fx.typeInto("#memory-budget", text);
    }

    private boolean budgetMarked() {
        return fx.fx(() -> fx.node("#memory-budget", TextField.class).getStyleClass().contains("invalid"));
    }

    private String blocked() {
        return fx.fx(() -> fx.node("#controls-problem", Label.class).getText());
    }

    private boolean generateDisabled() {
        return fx.fx(() -> fx.node("#generate", Button.class).isDisabled());
    }

    @Test
    void aSizeAboveTheBudgetBlocksGenerateWithTheEstimateAndTheBudget() throws Exception {
        fx.awaitModelLoaded();
        fx.waitFor(10, () -> fx.app.model().widthProperty().get() == 256);
        assertEquals("240M", fx.fx(() -> fx.node("#memory-budget", TextField.class).getText()), "restored from settings.json");
        assertTrue(budgetMarked());
        assertTrue(generateDisabled());
        assertEquals("Fix memory-budget to generate", fx.fx(() -> fx.node("#generate-blocked", Label.class).getText()));
        String reason = blocked();
        assertTrue(reason.contains("256x256 needs about"), reason);
        assertTrue(reason.contains("the memory budget is 240 MiB"), reason);
        String tip = fx.fx(() -> fx.node("#memory-budget", TextField.class).getTooltip().getText());
        assertTrue(tip.contains("the memory budget is 240 MiB"), tip);
        // Ctrl+Enter (the shortcut, which does not look at the button) enqueues nothing either
        assertFalse(fx.fx(() -> fx.app.controller().generate()));
        assertTrue(fx.fx(() -> fx.app.queue().pending().isEmpty() && fx.app.queue().running().isEmpty()),
                "nothing enqueued");

        setBudget("lots");
        assertTrue(budgetMarked());
        assertTrue(blocked().contains("memory budget: 'lots' is not a size"), blocked());

        setBudget("4G");
        assertFalse(budgetMarked());
        assertFalse(generateDisabled(), blocked());
        assertEquals(4L << 30, fx.fx(() -> fx.app.model().memoryBudgetBytesProperty().get()));

        fx.robot.interact(() -> fx.app.controller().persist(1280, 800, 0.0, 0.0));
        assertEquals("4G", new SettingsStore(settingsFile, new ObjectMapper()).load().memoryBudget());

        setBudget("");
        assertFalse(budgetMarked());
        assertTrue(fx.fx(() -> fx.node("#memory-budget", TextField.class).getPromptText()).startsWith("default "));
    }

    @Test
    void aUsableModelUnderTheModelsRootCannotBeRemoved() throws Exception {
        fx.awaitModelLoaded();
        assertTrue(fx.fx(() -> fx.node("#remove-model", Button.class).isDisabled()));
        assertFalse(fx.fx(() -> fx.node("#model-problem", Label.class).isVisible()));
    }
}
