package dev.atelier.ui.app;

import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.ui.FxHarness;
import dev.atelier.ui.TestModels;
import dev.atelier.ui.common.FxImages;
import dev.atelier.ui.composer.ComposerField;
import javafx.scene.Scene;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Makes the README's screenshot: the real window, mid-run on the embedded model, captured with
 * {@code Scene.snapshot} and written by {@code image.PngFiles}. Runs only when asked for:
 * {@code -Datelier.screenshot=docs/screenshots/workbench.png} (see docs/UI.md).
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "atelier.screenshot", matches = ".+")
class ScreenshotTest {
    @TempDir
    static Path tmp;
    private FxHarness fx;
    private Stage stage;

    @Start
    void start(Stage stage) throws Exception {
        TestModels.assumeTinyShapes();
        this.stage = stage;
        fx = FxHarness.start(stage, Files.createTempDirectory(tmp, "data"), TestModels.MODELS);
    }

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.stop();
        }
    }

    private void runToEnd(String subject, String style, int steps) throws Exception {
        int before = fx.fx(() -> fx.app.controller().history().size());
        fx.robot.interact(() -> {
            fx.app.model().field(ComposerField.SUBJECT).set(subject);
            fx.app.model().field(ComposerField.STYLE).set(style);
            fx.app.model().stepsProperty().set(steps);
            fx.app.controller().generate();
        });
        fx.waitFor(300, () -> fx.app.controller().history().size() > before && !fx.app.controller().isRunning());
    }

    @Test
    void captureTheWindowMidRun() throws Exception {
        Path out = Path.of(System.getProperty("atelier.screenshot")).toAbsolutePath();
        fx.robot.interact(() -> {
            stage.setWidth(Double.parseDouble(System.getProperty("atelier.screenshot.width", "1440")));
            stage.setHeight(Double.parseDouble(System.getProperty("atelier.screenshot.height", "900")));
        });
        fx.awaitModelLoaded();
        fx.robot.interact(() -> {
            WorkbenchModel m = fx.app.model();
            m.seedLockedProperty().set(true);
            m.seedProperty().set(42);
            m.field(ComposerField.COMPOSITION).set("top left");
            m.field(ComposerField.LIGHTING).set("golden hour");
            m.field(ComposerField.NEGATIVE).set("outline");
        });
        runToEnd("a small yellow circle on a black background", "flat", 20);
        runToEnd("a large blue square on a white background", "pixel art", 20);
        runToEnd("a large green triangle on a purple background", "flat", 20);

        fx.robot.interact(() -> {
            fx.app.model().field(ComposerField.SUBJECT).set("a large red star on a blue background");
            fx.app.model().field(ComposerField.STYLE).set("watercolor");
            fx.app.model().stepsProperty().set(60);
            fx.app.runState().showPredictedProperty().set(true);
            fx.app.controller().generate();
        });
        // Freeze the frame while the run is past its middle: snapshot on the FX thread.
        fx.waitFor(300, () -> fx.app.runState().frames().size() >= 34);
        PixelImage shot = fx.fx(() -> {
            Scene scene = stage.getScene();
            return FxImages.fromFx(scene.snapshot(null));
        });
        fx.robot.interact(fx.app.controller()::cancel);
        Files.createDirectories(out.getParent());
        PngFiles.write(shot, "Atelier workbench, mid-run on models/tiny-shapes", out);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(Files.size(out) > 10_000, "a real screenshot was written to " + out);
    }
}
