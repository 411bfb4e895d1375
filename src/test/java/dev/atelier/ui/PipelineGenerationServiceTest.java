package dev.atelier.ui;

import dev.atelier.onnx.Device;
import dev.atelier.onnx.ModelFolderException;
import dev.atelier.pipeline.CancelFlag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CancellationException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The adapter over the real pipeline, on the engine's tiny SD 1.5-layout test fixture (or tiny-shapes). */
class PipelineGenerationServiceTest {
    private static Path model() {
        if (TestModels.tinyShapesPresent()) {
            return TestModels.TINY_SHAPES;
        }
        Path fixture = Path.of("src/test/resources/fixtures/sd15").toAbsolutePath();
        assumeTrue(Files.isRegularFile(fixture.resolve("unet/model.onnx")), "no model to run");
        return fixture;
    }

    private static GenerationJob job(Path model, int steps) {
        int side = ModelPreset.of(dev.atelier.onnx.ModelFolder.open(model)).width();
        return new GenerationJob(model, "a large red star on a blue background", null, 42, steps, 5, "euler",
                side, side, Device.CPU);
    }

    @Test
    void everyStepArrivesWithBothPreviewsThenTheImage() {
        Path model = model();
        List<StepFrame> frames = new ArrayList<>();
        try (PipelineGenerationService service = new PipelineGenerationService()) {
            GenerationJob job = job(model, 4);
            GenerationOutcome outcome = service.generate(job, frames::add, new CancelFlag());
            assertEquals(4, frames.size());
            for (int i = 0; i < 4; i++) {
                StepFrame f = frames.get(i);
                assertEquals(i, f.index());
                assertEquals(4, f.total());
                assertNotNull(f.predictedClean(), "the pipeline's x0 preview");
                assertTrue(f.stepNanos() > 0);
            }
            assertEquals(job.width(), outcome.image().width());
            assertTrue(outcome.parameters().contains("Seed: 42"), outcome.parameters());
            assertTrue(outcome.parameters().contains("Steps: 4"), outcome.parameters());

            // same job, same sessions, same image
            GenerationOutcome again = service.generate(job, f -> { }, new CancelFlag());
            assertEquals(java.util.Arrays.hashCode(outcome.image().rgb()), java.util.Arrays.hashCode(again.image().rgb()));
        }
    }

    @Test
    void cancellingStopsBeforeTheNextStep() {
        Path model = model();
        CancelFlag cancel = new CancelFlag();
        List<StepFrame> frames = new ArrayList<>();
        try (PipelineGenerationService service = new PipelineGenerationService()) {
            assertThrows(CancellationException.class, () -> service.generate(job(model, 10), f -> {
                frames.add(f);
                if (f.index() == 2) {
                    cancel.cancel();
                }
            }, cancel));
        }
        assertEquals(3, frames.size());
    }

    @Test
    void aBrokenFolderFailsWithTheFolderMessage(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("model_index.json"), "{");
        try (PipelineGenerationService service = new PipelineGenerationService()) {
            GenerationJob job = new GenerationJob(dir, "x", null, 1, 2, 5, null, 64, 64, Device.CPU);
            ModelFolderException e = assertThrows(ModelFolderException.class,
                    () -> service.generate(job, f -> { }, new CancelFlag()));
            assertTrue(e.getMessage().contains("model_index.json"), e.getMessage());
        }
    }
}
