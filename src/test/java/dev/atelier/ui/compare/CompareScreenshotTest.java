package dev.atelier.ui.compare;

import dev.atelier.compare.Axis;
import dev.atelier.compare.AxisKind;
import dev.atelier.compare.GridPlan;
import dev.atelier.compare.PromptPart;
import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.ui.common.FxImages;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Makes docs/screenshots/compare-grid.png: a live grid mid-run (some cells done, two running, one
 * failed, the rest pending, two picked for A/B) from synthetic frames, captured with
 * {@code Scene.snapshot}. Runs only when asked: {@code -Datelier.compare.screenshot=PATH} (docs/UI.md).
 */
@ExtendWith(ApplicationExtension.class)
@EnabledIfSystemProperty(named = "atelier.compare.screenshot", matches = ".+")
class CompareScreenshotTest {
    private final FxRobot robot = new FxRobot();
    private CompareFixtures f;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        GridPlan plan = GridPlan.of(List.of(
                CompareFixtures.axis(AxisKind.SEED, "1", "2", "3", "4"),
                new Axis(AxisKind.FIELD, PromptPart.STYLE, List.of("flat", "watercolor", "pixel art"), List.of()),
                CompareFixtures.axis(AxisKind.MODEL, "models/tiny-shapes", "models/tiny-shapes-v")), CompareFixtures.base());
        f = new CompareFixtures(plan, Duration.seconds(2));
        f.show(stage, 128, 1280, 800);
    }

    @Test
    void captureALiveGrid() throws Exception {
        Path out = Path.of(System.getProperty("atelier.compare.screenshot")).toAbsolutePath();
        Thread producer = new Thread(() -> {
            for (int c = 0; c < 12; c++) {
                int total = 20;
                int upTo = c < 8 ? total : c == 8 ? 13 : c == 9 ? 6 : -1;
                if (c == 10) {
                    f.feed.cellFailed(c, "size 768x768 is more than the model accepts (at most 512x512)");
                    continue;
                }
                if (upTo < 0) {
                    continue;
                }
                f.feed.cellStarted(c, total);
                for (int s = 0; s < upTo; s++) {
                    f.feed.cellStep(c, s, total, CompareFixtures.frame(c, s, total, 64));
                }
                if (upTo == total) {
                    f.feed.cellFinished(c, CompareFixtures.frame(c, total - 1, total, 128));
                }
            }
        }, "producer");
        producer.start();
        producer.join();
        CompareFixtures.waitFor(30, () -> f.grid.cell(9).shownStepProperty().get() == 5
                && f.grid.cell(10).phase() == CellPhase.FAILED && f.grid.cell(8).shownStepProperty().get() == 12);
        robot.interact(() -> {
            f.grid.pick(1);
            f.grid.pick(6);
        });
        WaitForAsyncUtils.waitForFxEvents();
        PixelImage shot = CompareFixtures.fx(() -> FxImages.fromFx(stage.getScene().snapshot(null)));
        Files.createDirectories(out.getParent());
        PngFiles.write(shot, "Atelier comparison workbench: a live grid (synthetic frames)", out);
        assertTrue(Files.size(out) > 10_000, "a real screenshot was written to " + out);
    }
}
