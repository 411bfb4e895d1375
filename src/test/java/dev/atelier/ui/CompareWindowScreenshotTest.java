package dev.atelier.ui;

import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.ui.compare.CellPhase;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import javafx.stage.Window;
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
 * Makes docs/screenshots/compare-window.png: the comparison workbench opened from the real window,
 * a seed × style grid run on the embedded model through the window's queue, two cells picked.
 * Runs only when asked: {@code -Datelier.compare.window.screenshot=PATH} (docs/UI.md).
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "atelier.compare.window.screenshot", matches = ".+")
class CompareWindowScreenshotTest {
    @TempDir
    static Path tmp;
    private FxHarness fx;

    @Start
    void start(Stage stage) throws Exception {
        TestModels.assumeTinyShapes();
        fx = FxHarness.start(stage, Files.createTempDirectory(tmp, "data"), TestModels.MODELS);
    }

    @AfterEach
    void stop() {
        if (fx != null) {
            fx.stop();
        }
    }

    @Test
    void captureTheWiredWorkbench() throws Exception {
        Path out = Path.of(System.getProperty("atelier.compare.window.screenshot")).toAbsolutePath();
        CompareWindowFxTest.composer(fx, "a large yellow circle on a black background", "flat", 20, 42);
        fx.robot.clickOn("#open-compare");
        fx.waitFor(10, () -> fx.app.compareWindow().isShowing());
        fx.robot.interact(() -> {
            fx.node("#compare-axis-1", TextField.class).setText("seed=1-4");
            fx.node("#compare-axis-2", TextField.class).setText("style=flat|pixel art|watercolor");
        });
        fx.waitFor(30, () -> fx.app.compare().setup().blockedProperty().get().isEmpty());
        fx.robot.clickOn("#compare-start");
        fx.waitFor(600, () -> fx.app.compare().grid() != null && !fx.app.compare().setup().runningProperty().get());
        fx.robot.clickOn("#grid-cell-1");
        fx.robot.clickOn("#grid-cell-9");
        fx.robot.interact(() -> fx.app.compare().grid().cells().forEach(c -> assertTrue(c.phase() == CellPhase.DONE, c.label())));
        fx.robot.interact(() -> ((javafx.scene.control.TabPane) fx.robot.lookup(".compare-workbench").query())
                .getSelectionModel().selectFirst());
        WaitForAsyncUtils.waitForFxEvents();
        PixelImage shot = fx.fx(() -> {
            Window compare = Window.getWindows().stream().filter(w -> w instanceof Stage s
                    && "Atelier — Compare".equals(s.getTitle())).findFirst().orElseThrow();
            return FxImages.fromFx(compare.getScene().snapshot(null));
        });
        Files.createDirectories(out.getParent());
        PngFiles.write(shot, "Atelier comparison workbench: a seed x style grid on models/tiny-shapes", out);
        assertTrue(Files.size(out) > 10_000, "a real screenshot was written to " + out);
    }
}
