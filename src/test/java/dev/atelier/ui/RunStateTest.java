package dev.atelier.ui;

import dev.atelier.image.PixelImage;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunStateTest {
    private final List<StepFrame> frames = new ArrayList<>();

    private StepFrame step(int i, int total) {
        StepFrame f = new StepFrame(i, total, 900 - i, ScriptedService.solid(2, 2, i), ScriptedService.solid(2, 2, 200 + i), 1_000_000);
        frames.add(f);
        return f;
    }

    @Test
    void followsTheNewestStepWhileLive() {
        RunState run = new RunState();
        run.showPredictedProperty().set(false);
        run.begin();
        assertNull(run.canvasProperty().get());
        assertEquals("encoding prompt…", run.captionProperty().get());
        StepFrame a = step(0, 3);
        run.update(frames, Progress.of(frames));
        assertSame(a.preview(), run.canvasProperty().get());
        StepFrame b = step(1, 3);
        run.update(frames, Progress.of(frames));
        assertSame(b.preview(), run.canvasProperty().get());
        assertTrue(run.isLive());
        assertTrue(run.progressProperty().get().startsWith("step 2/3"));
    }

    @Test
    void scrubbingHoldsItsPositionWhileNewStepsArrive() {
        RunState run = new RunState();
        run.showPredictedProperty().set(false);
        run.begin();
        StepFrame first = step(0, 4);
        step(1, 4);
        run.update(frames, Progress.of(frames));
        run.positionProperty().set(0);
        assertSame(first.preview(), run.canvasProperty().get());
        step(2, 4);
        run.update(frames, Progress.of(frames));
        assertEquals(0, run.positionProperty().get());
        assertSame(first.preview(), run.canvasProperty().get());
        assertEquals("step 1/4 · latents", run.captionProperty().get());
        run.showPredictedProperty().set(true);
        assertSame(first.predictedClean(), run.canvasProperty().get());
        assertEquals("step 1/4 · predicted x0", run.captionProperty().get());
    }

    @Test
    void theFinalImageReplacesThePreviewAndTheEndOfTheTimelineShowsIt() {
        RunState run = new RunState();
        run.showPredictedProperty().set(false);
        run.begin();
        step(0, 2);
        step(1, 2);
        run.update(frames, Progress.of(frames));
        PixelImage image = ScriptedService.solid(8, 8, 77);
        run.end(frames, image);
        assertFalse(run.runningProperty().get());
        assertSame(image, run.canvasProperty().get());
        assertEquals(2, run.positionProperty().get());
        run.positionProperty().set(1);
        assertSame(frames.get(1).preview(), run.canvasProperty().get());
        run.positionProperty().set(2);
        assertSame(image, run.canvasProperty().get());
        assertEquals("final image", run.captionProperty().get());
    }

    @Test
    void aCancelledRunKeepsItsLastPreview() {
        RunState run = new RunState();
        run.showPredictedProperty().set(false);
        run.begin();
        step(0, 10);
        StepFrame last = step(1, 10);
        run.update(frames, Progress.of(frames));
        run.end(frames, null);
        assertSame(last.preview(), run.canvasProperty().get());
        assertEquals("last preview · step 2/10", run.captionProperty().get());
    }
}
