package dev.atelier.ui.compare;

import dev.atelier.compare.StepScrub;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The live grid in a real window: cells stream in from another thread, the one slider and Play move them all. */
@ExtendWith(ApplicationExtension.class)
class LiveGridFxTest {
    private final FxRobot robot = new FxRobot();
    private CompareFixtures f;

    @Start
    void start(Stage stage) {
        f = new CompareFixtures(CompareFixtures.seedsBySteps(), Duration.millis(600));
        f.show(stage, 96, 900, 600);
    }

    private String status(int cell) {
        return CompareFixtures.fx(() -> robot.lookup("#grid-cell-status-" + cell).queryAs(Label.class).getText());
    }

    private void streamAllAndWait() throws Exception {
        Thread producer = new Thread(() -> f.streamAll(32), "producer");
        producer.start();
        producer.join();
        CompareFixtures.waitFor(20, () -> f.grid.cells().stream().allMatch(c -> c.phase() == CellPhase.DONE));
        WaitForAsyncUtils.waitForFxEvents();
    }

    @Test
    void theGridFillsAsCellsStreamInFromABackgroundThread() throws Exception {
        CountDownLatch more = new CountDownLatch(1);
        Thread producer = new Thread(() -> {
            f.feed.cellStarted(0, 10);
            for (int s = 0; s < 5; s++) {
                f.feed.cellStep(0, s, 10, CompareFixtures.frame(0, s, 10, 32));
            }
            try {
                more.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            for (int s = 5; s < 10; s++) {
                f.feed.cellStep(0, s, 10, CompareFixtures.frame(0, s, 10, 32));
            }
            f.feed.cellFinished(0, CompareFixtures.frame(0, 9, 10, 32));
            f.feed.cellFailed(5, "the model folder models/gone is missing");
            f.feed.cellCancelled(6);
        }, "producer");
        producer.start();

        // the first cell shows as soon as it has steps, the rest wait
        CompareFixtures.waitFor(20, () -> f.grid.cell(0).shownStepProperty().get() == 4);
        assertEquals(CellPhase.RUNNING, CompareFixtures.fx(() -> f.grid.cell(0).phase()));
        assertNotNull(CompareFixtures.fx(() -> f.grid.cell(0).shownImageProperty().get()));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("running · step 5/10", status(0));
        assertEquals("pending", status(1));
        assertNull(CompareFixtures.fx(() -> f.grid.cell(1).shownImageProperty().get()));

        more.countDown();
        producer.join();
        CompareFixtures.waitFor(20, () -> f.grid.cell(6).phase() == CellPhase.CANCELLED);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("done · step 10/10", status(0));
        assertEquals("failed: the model folder models/gone is missing", status(5));
        assertEquals("cancelled", status(6));
        // every step was recorded for scrubbing
        for (int s = 0; s < 10; s++) {
            int step = s;
            assertNotNull(CompareFixtures.fx(() -> f.grid.cell(0).preview(step)), "preview of step " + s);
        }
    }

    @Test
    void theSliderMovesEveryCellToTheSamePointOfItsDenoising() throws Exception {
        streamAllAndWait();
        for (double fraction : new double[]{0.0, 0.5, 0.25, 1.0}) {
            robot.interact(() -> robot.lookup("#grid-scrub").queryAs(Slider.class).setValue(fraction));
            WaitForAsyncUtils.waitForFxEvents();
            for (LiveCell c : f.grid.cells()) {
                int total = c.cell().settings().request().steps();
                int expected = StepScrub.stepAt(fraction, total);
                assertEquals(expected, (int) CompareFixtures.fx(() -> c.shownStepProperty().get()),
                        "cell " + c.index() + " (" + total + " steps) at " + fraction);
                assertEquals("done · step " + (expected + 1) + "/" + total, status(c.index()));
            }
        }
        // the 10-step row and the 20-step row sit at the same fraction, not the same step number
        robot.interact(() -> robot.lookup("#grid-scrub").queryAs(Slider.class).setValue(0.5));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(5, (int) CompareFixtures.fx(() -> f.grid.cell(0).shownStepProperty().get()));
        assertEquals(10, (int) CompareFixtures.fx(() -> f.grid.cell(4).shownStepProperty().get()));
        assertTrue(CompareFixtures.fx(() -> !f.grid.liveProperty().get()), "scrubbing leaves live mode");

        robot.clickOn("#grid-live");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(19, (int) CompareFixtures.fx(() -> f.grid.cell(4).shownStepProperty().get()));
    }

    @Test
    void playAdvancesEveryCellInLockstepAndStopsAtTheEnd() throws Exception {
        streamAllAndWait();
        robot.interact(() -> f.controller.scrub(0));
        List<Integer> seen = new CopyOnWriteArrayList<>();
        robot.interact(() -> f.grid.cell(4).shownStepProperty().addListener((o, was, now) -> seen.add(now.intValue())));
        robot.clickOn("#grid-play");
        CompareFixtures.waitFor(20, () -> !f.controller.player().playingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(1.0, CompareFixtures.fx(() -> f.grid.scrubProperty().get()));
        for (LiveCell c : f.grid.cells()) {
            assertEquals(c.cell().settings().request().steps() - 1, (int) CompareFixtures.fx(() -> c.shownStepProperty().get()));
        }
        assertTrue(seen.size() >= 3, "Play passed through intermediate steps: " + seen);
        for (int i = 1; i < seen.size(); i++) {
            assertTrue(seen.get(i) > seen.get(i - 1), "Play only moves forward: " + seen);
        }
        assertEquals("Play", CompareFixtures.fx(() -> robot.lookup("#grid-play").queryAs(Button.class).getText()));
    }

    @Test
    void pickingTwoCellsFillsTheAbView() throws Exception {
        streamAllAndWait();
        robot.clickOn("#grid-cell-1");
        robot.clickOn("#grid-cell-6");
        WaitForAsyncUtils.waitForFxEvents();
        AbSide a = CompareFixtures.fx(() -> f.ab.leftProperty().get());
        AbSide b = CompareFixtures.fx(() -> f.ab.rightProperty().get());
        assertEquals(f.grid.cell(1).cell().settings(), a.settings());
        assertEquals(f.grid.cell(6).cell().settings(), b.settings());
        // cell 1: seed 2, 10 steps; cell 6: seed 3, 20 steps
        assertEquals(List.of("seed", "steps"),
                CompareFixtures.fx(() -> f.ab.settingsDifferences().stream().map(d -> d.setting()).toList()));
    }

    @Test
    void aDisposedViewNoLongerFollowsTheModel() throws Exception {
        robot.interact(() -> f.view.dispose());
        f.feed.cellStarted(2, 10);
        f.feed.cellStep(2, 0, 10, CompareFixtures.frame(2, 0, 10, 16));
        CompareFixtures.waitFor(20, () -> f.grid.cell(2).shownStepProperty().get() == 0);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("pending", status(2), "the label kept its last text: its listeners are gone");
    }
}
