package dev.atelier.ui.compare;

import dev.atelier.image.PixelImage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;

import java.util.ArrayDeque;
import java.util.Queue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The feed on its own, with a hand-run executor standing in for {@code Platform.runLater} (the
 * tasks still run on the FX thread: the toolkit is started, images are made there).
 */
@ExtendWith(ApplicationExtension.class)
class GridFeedTest {
    private final FxRobot robot = new FxRobot();
    private final Queue<Runnable> fxTasks = new ArrayDeque<>();
    private final LiveGridModel grid = new LiveGridModel(CompareFixtures.seedsBySteps());
    private final GridFeed feed = new GridFeed(grid, fxTasks::add);

    /** Runs queued tasks on the FX thread until none is left; returns how many ran. */
    private int runTasks() {
        int ran = 0;
        Runnable task;
        while ((task = fxTasks.poll()) != null) {
            robot.interact(task);
            ran++;
        }
        return ran;
    }

    @Test
    void manyStepsAreOneTaskOnTheFxThreadAndAllAreRecorded() {
        for (int cell = 0; cell < 8; cell++) {
            for (int s = 0; s < 10; s++) {
                feed.cellStep(cell, s, 10, CompareFixtures.frame(cell, s, 10, 16));
            }
        }
        assertEquals(1, fxTasks.size(), "80 steps wait behind one pending task");
        int ran = runTasks();
        assertTrue(ran >= 1 && ran < 80, "drained in " + ran + " tasks");
        for (int cell = 0; cell < 8; cell++) {
            LiveCell c = grid.cell(cell);
            assertEquals(9, c.shownStepProperty().get(), "cell " + cell + " shows its newest step");
            for (int s = 0; s < 10; s++) {
                assertNotNull(c.preview(s));
            }
        }
        feed.cellFinished(3, CompareFixtures.frame(3, 9, 10, 16));
        assertEquals(1, fxTasks.size(), "a new event schedules again once the queue ran dry");
        runTasks();
        assertEquals(CellPhase.DONE, grid.cell(3).phase());
    }

    @Test
    void largePreviewsAreShrunkBeforeTheyAreKept() {
        PixelImage big = CompareFixtures.frame(0, 0, 1, 256);
        PixelImage kept = GridFeed.shrink(big);
        assertEquals(GridFeed.PREVIEW_SIDE, kept.width());
        assertEquals(GridFeed.PREVIEW_SIDE, kept.height());
        assertEquals(big.rgbAt(4 * 10, 4 * 20), kept.rgbAt(10, 20), "nearest neighbour");
        PixelImage small = CompareFixtures.frame(0, 0, 1, 32);
        assertEquals(small, GridFeed.shrink(small), "small previews are kept as they are");
    }

    @Test
    void badEventsAreRefusedOnTheCallersThreadWithOneLine() {
        PixelImage p = CompareFixtures.frame(0, 0, 1, 8);
        assertEquals("cell 8 is not one of the grid's 0..7",
                assertThrows(IllegalArgumentException.class, () -> feed.cellStep(8, 0, 10, p)).getMessage());
        assertEquals("step 10 of cell 0 is not one of 0..9",
                assertThrows(IllegalArgumentException.class, () -> feed.cellStep(0, 10, 10, p)).getMessage());
        assertEquals("a cell runs at least one step, got 0",
                assertThrows(IllegalArgumentException.class, () -> feed.cellStarted(0, 0)).getMessage());
        assertTrue(fxTasks.isEmpty(), "nothing reached the FX thread");
    }
}
