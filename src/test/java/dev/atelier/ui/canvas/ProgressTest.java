package dev.atelier.ui.canvas;

import dev.atelier.image.PixelImage;
import dev.atelier.pipeline.StepState;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ProgressTest {
    static StepState frame(int i, int total, long nanos) {
        return new StepState(i, total, 999 - i * 50, new float[1], new float[1], 1, 1, 1, new PixelImage(1, 1, new byte[3]), nanos);
    }

    @Test
    void speedAndEtaFollowTheRecentSteps() {
        List<StepState> frames = new ArrayList<>();
        for (int i = 0; i < 4; i++) {
            frames.add(frame(i, 20, 250_000_000L));
        }
        Progress p = Progress.of(frames);
        assertEquals(4, p.completed());
        assertEquals(20, p.total());
        assertEquals(4.0, p.itPerSecond(), 1e-9);
        assertEquals(Duration.ofSeconds(4), p.eta());
        assertEquals("step 4/20 · t=849 · 4.0 it/s · ETA 0:04", p.describe());
    }

    @Test
    void onlyTheLastWindowCountsForSpeed() {
        List<StepState> frames = new ArrayList<>();
        frames.add(frame(0, 10, 5_000_000_000L)); // a slow first step (session warm-up)
        for (int i = 1; i <= Progress.WINDOW; i++) {
            frames.add(frame(i, 10, 100_000_000L));
        }
        assertEquals(10.0, Progress.of(frames).itPerSecond(), 1e-9);
    }

    @Test
    void emptyRunHasNoProgress() {
        assertEquals("", Progress.of(List.of()).describe());
    }
}
