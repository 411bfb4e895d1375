package dev.atelier.ui.app;

import dev.atelier.ui.FxHarness;
import dev.atelier.ui.TestModels;
import dev.atelier.ui.common.FxImages;
import dev.atelier.compare.ManifestCell;
import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.ui.compare.CellPhase;
import dev.atelier.ui.compare.CompareSession;
import dev.atelier.ui.compare.LiveCell;
import javafx.scene.control.TabPane;
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

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The comparison workbench on the embedded model and the real pipeline, through the window's own
 * queue and session pool: real step previews stream into the grid, and a cell is pixel-identical
 * to Generate in the same window with the same composer settings. Also makes the screenshot.
 */
@ExtendWith(ApplicationExtension.class)
class CompareWindowModelFxTest {
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
    void aGridCellIsPixelIdenticalToGenerateWithTheSameSettings() throws Exception {
        CompareWindowFxTest.composer(fx, "a small red circle on a white background", "flat", 4, 7);
        fx.robot.clickOn("#open-compare");
        fx.waitFor(10, () -> fx.app.compareWindow().isShowing());
        CompareSession session = fx.app.compare();
        fx.robot.interact(() -> fx.node("#compare-axis-1", TextField.class).setText("seed=7-8"));
        fx.waitFor(30, () -> session.setup().blockedProperty().get().isEmpty());
        fx.robot.clickOn("#compare-start");
        fx.waitFor(300, () -> session.grid() != null && !session.setup().runningProperty().get());
        for (LiveCell c : fx.fx(() -> session.grid().cells())) {
            assertEquals(CellPhase.DONE, fx.fx(c::phase), c.label() + ": " + fx.fx(() -> c.messageProperty().get()));
            assertNotNull(fx.fx(() -> c.preview(0)), "the pipeline's first step preview reached " + c.label());
        }
        ManifestCell first = fx.fx(() -> session.manifest().cell(0));
        PixelImage cell = PngFiles.read(session.manifestFile().getParent().resolve(first.file())).image();

        int before = fx.fx(() -> fx.app.controller().history().size());
        fx.robot.interact(() -> fx.app.controller().generate()); // seed 7 is locked in the composer
        fx.waitFor(300, () -> fx.app.controller().history().size() == before + 1 && !fx.app.controller().isRunning());
        PixelImage generated = fx.fx(() -> fx.app.controller().history().getFirst().image());
        assertEquals(7, fx.fx(() -> fx.app.controller().history().getFirst().settings().seed()));
        assertEquals(cell.width(), generated.width());
        assertArrayEquals(generated.rgb(), cell.rgb(), "cell (seed 7) and Generate (seed 7) are the same pixels");
    }

    /**
     * Makes docs/screenshots/compare-window.png: a seed × style grid on the embedded model, two cells
     * picked. Runs only when asked: {@code -Datelier.compare.window.screenshot=PATH} (docs/UI.md).
     */
    @Test
    @EnabledIfSystemProperty(named = "atelier.compare.window.screenshot", matches = ".+")
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
        fx.robot.interact(() -> ((TabPane) fx.robot.lookup(".compare-workbench").query())
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
