package dev.atelier.ui.canvas;

import dev.atelier.image.PixelImage;
import dev.atelier.pipeline.StepState;
import dev.atelier.ui.ScriptedEngine;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RunStateTest {
    private final List<StepState> frames = new ArrayList<>();

    private StepState step(int i, int total) {
        StepState f = ScriptedEngine.step(i, total);
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
        StepState a = step(0, 3);
        run.update(frames, Progress.of(frames));
        assertSame(run.images().latents(a), run.canvasProperty().get());
        StepState b = step(1, 3);
        run.update(frames, Progress.of(frames));
        assertSame(run.images().latents(b), run.canvasProperty().get());
        assertTrue(run.isLive());
        assertTrue(run.progressProperty().get().startsWith("step 2/3"));
    }

    @Test
    void scrubbingHoldsItsPositionWhileNewStepsArrive() {
        RunState run = new RunState();
        run.showPredictedProperty().set(false);
        run.begin();
        StepState first = step(0, 4);
        step(1, 4);
        run.update(frames, Progress.of(frames));
        run.positionProperty().set(0);
        assertSame(run.images().latents(first), run.canvasProperty().get());
        step(2, 4);
        run.update(frames, Progress.of(frames));
        assertEquals(0, run.positionProperty().get());
        assertSame(run.images().latents(first), run.canvasProperty().get());
        assertEquals("step 1/4 · latents", run.captionProperty().get());
        run.showPredictedProperty().set(true);
        assertSame(run.images().predicted(first), run.canvasProperty().get());
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
        PixelImage image = ScriptedEngine.solid(8, 8, 77);
        run.end(frames, image);
        assertFalse(run.runningProperty().get());
        assertSame(image, run.canvasProperty().get());
        assertEquals(2, run.positionProperty().get());
        run.positionProperty().set(1);
        assertSame(run.images().latents(frames.get(1)), run.canvasProperty().get());
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
        StepState last = step(1, 10);
        run.update(frames, Progress.of(frames));
        run.end(frames, null);
        assertSame(run.images().latents(last), run.canvasProperty().get());
        assertEquals("last preview · step 2/10", run.captionProperty().get());
    }

    @Test
    void stepsAreRenderedOnceAndEnlargedForTheCanvas() {
        RunState run = new RunState();
        StepState s = step(0, 2);
        PixelImage x0 = run.images().predicted(s);
        assertSame(x0, run.images().predicted(s), "cached: scrubbing back renders nothing again");
        assertEquals(Previews.TARGET, x0.width(), "the 2x2 preview is enlarged on its way to the canvas");
        assertEquals(255, x0.rgb()[0] & 0xFF);
        assertEquals(Previews.TARGET, run.images().latents(s).width());
    }
}
