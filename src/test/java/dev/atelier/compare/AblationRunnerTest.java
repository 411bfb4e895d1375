package dev.atelier.compare;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.atelier.image.ProvenancePolicy;
import dev.atelier.job.JobEvent;
import dev.atelier.job.PipelineJobRunner;
import dev.atelier.job.WorkerJobQueue;
import dev.atelier.onnx.Device;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.Fixtures;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.session.SessionPool;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Cancelling an ablation on the embedded model: the images made are kept, written and ranked. */
class AblationRunnerTest {
    private static final Path SHAPES = Fixtures.embeddedModel(EmbeddedModels.DEFAULT);

    @TempDir
    Path dir;

    private static AblationPlan plan() {
        StructuredPrompt prompt = StructuredPrompt.empty().with(PromptPart.SUBJECT, "a red circle")
                .with(PromptPart.STYLE, "flat").with(PromptPart.LIGHTING, "soft light");
        return AblationPlan.of(new CellSettings(SHAPES.toString(), GenerationRequest.of("").withSteps(2).withSize(32, 32)
                .withSeed(3), prompt));
    }

    @Test
    void cancelAfterTheFullImageKeepsWhatWasMadeAndNamesTheRest() throws Exception {
        AblationPlan plan = plan();
        AblationRunner.Outcome outcome;
        try (SessionPool pool = new SessionPool(); PipelineJobRunner pipelines = new PipelineJobRunner(pool);
             WorkerJobQueue queue = new WorkerJobQueue(pipelines)) {
            AblationRunner runner = new AblationRunner(queue, Device.CPU);
            AtomicBoolean once = new AtomicBoolean();
            queue.addListener(e -> {
                if (e instanceof JobEvent.Finished && once.compareAndSet(false, true)) {
                    runner.cancel(); // the full prompt's image is made; the left-out fields are not (all of them yet)
                }
            });
            List<String> progress = new ArrayList<>();
            outcome = runner.run(plan, dir, ProvenancePolicy.none(), progress::add);
            assertTrue(runner.isCancelled());
        }
        assertFalse(outcome.complete());
        assertEquals(plan.variants().size(), outcome.ran().variants().size() + outcome.notRun().size());
        assertTrue(Files.isRegularFile(dir.resolve("full.png")), "the full prompt's image is kept");
        for (AblationPlan.AblationVariant v : plan.variants()) {
            assertEquals(!outcome.notRun().contains(v.leftOut()), Files.isRegularFile(dir.resolve(AblationRunner.fileName(v.leftOut()))),
                    v.leftOut() + ": a file exactly for the images made");
        }
        assertEquals(outcome.ran().variants().size(), outcome.ranked().size());
        JsonNode numbers = new ObjectMapper().readTree(dir.resolve(AblationRunner.NUMBERS_FILE).toFile());
        assertEquals(outcome.ranked().size(), numbers.get("fields").size());
        List<String> cancelled = new ArrayList<>();
        numbers.get("cancelled").forEach(n -> cancelled.add(n.asText()));
        assertEquals(outcome.notRun().stream().map(PromptPart::axisName).toList(), cancelled);
    }

    @Test
    void cancelledBeforeTheFullImageThereIsNothingToCompare() throws Exception {
        try (SessionPool pool = new SessionPool(); PipelineJobRunner pipelines = new PipelineJobRunner(pool);
             WorkerJobQueue queue = new WorkerJobQueue(pipelines)) {
            AblationRunner runner = new AblationRunner(queue, Device.CPU);
            runner.cancel();
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> runner.run(plan(), dir, ProvenancePolicy.none(), line -> { }));
            assertTrue(e.getMessage().contains("before the full prompt's image"), e.getMessage());
        }
        assertFalse(Files.exists(dir.resolve(AblationRunner.NUMBERS_FILE)));
    }
}
