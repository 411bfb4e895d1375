package dev.atelier.cli;

import dev.atelier.onnx.Device;
import dev.atelier.onnx.Fixtures;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.DiffusionPipeline;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.GenerationResult;
import dev.atelier.pipeline.StepListener;
import dev.atelier.pipeline.StepState;
import dev.atelier.scheduler.SchedulerKind;
import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The text progress listener, and that the pipeline renders previews only for listeners that want them. */
class ProgressPrinterTest {
    private static final GenerationRequest REQUEST = GenerationRequest.of("a large red star on a blue background")
            .withSteps(3).withGuidance(5).withSize(64, 64).withSeed(3).withScheduler(SchedulerKind.DDIM);

    /** A {@link ProgressPrinter} that also keeps the states it was handed. */
    private static final class RecordingPrinter implements StepListener {
        final ProgressPrinter printer;
        final List<StepState> states = new ArrayList<>();

        RecordingPrinter(PrintWriter out) {
            printer = new ProgressPrinter(out, false);
        }

        @Override
        public boolean wantsPreview() {
            return printer.wantsPreview();
        }

        @Override
        public void onStep(StepState state) {
            states.add(state);
            printer.onStep(state);
        }
    }

    @Test
    void theTextPrinterGetsNoPreviewRenderedAndAPreviewListenerDoes() {
        StringWriter text = new StringWriter();
        RecordingPrinter printer = new RecordingPrinter(new PrintWriter(text));
        List<StepState> withPreviews = new ArrayList<>();
        try (DiffusionPipeline p = new DiffusionPipeline(ModelFolder.open(Fixtures.fixture(Fixtures.SD15)), Device.CPU)) {
            GenerationResult quiet = p.generate(REQUEST, printer, new CancelFlag());
            GenerationResult shown = p.generate(REQUEST, withPreviews::add, new CancelFlag());

            assertFalse(new ProgressPrinter(new PrintWriter(new StringWriter()), true).wantsPreview());
            assertEquals(3, printer.states.size());
            printer.states.forEach(s -> assertNull(s.preview(), "no preview rendered for step " + s.index()));
            assertEquals(0, quiet.timings().previewNanos(), "no time spent rendering previews");
            assertEquals(3, text.toString().lines().filter(l -> l.startsWith("step ")).count(), text.toString());

            assertTrue(((StepListener) withPreviews::add).wantsPreview(), "listeners want previews by default (the window)");
            assertEquals(3, withPreviews.size());
            for (StepState s : withPreviews) {
                assertNotNull(s.preview(), "preview for step " + s.index());
                assertEquals(s.width(), s.preview().width());
            }
            assertTrue(shown.timings().previewNanos() > 0);
            assertEquals(java.util.Arrays.toString(quiet.image().rgb()), java.util.Arrays.toString(shown.image().rgb()),
                    "previews do not change the image");
        }
    }

    @Test
    void plainLinesOffATerminalAndABarOnOne() {
        StringWriter plain = new StringWriter();
        StringWriter bar = new StringWriter();
        float[] latents = new float[4];
        for (int i = 0; i < 2; i++) {
            StepState s = new StepState(i, 2, 999 - i * 500.5, latents, latents, 1, 2, 2, null, 2_000_000);
            new ProgressPrinter(new PrintWriter(plain), false).onStep(s);
            new ProgressPrinter(new PrintWriter(bar), true).onStep(s);
        }
        assertEquals(List.of("step 1/2 t=999 2.0 ms", "step 2/2 t=498.50 2.0 ms"), plain.toString().lines().toList());
        assertTrue(bar.toString().startsWith("\r[" + "#".repeat(15) + ".".repeat(15) + "] 1/2  2 ms/step"), bar.toString());
        assertTrue(bar.toString().contains("\r[" + "#".repeat(30) + "] 2/2"), bar.toString());
        assertTrue(bar.toString().endsWith(System.lineSeparator()), "a new line after the last step");
    }
}
