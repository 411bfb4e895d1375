package dev.atelier.job;

import dev.atelier.onnx.Device;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.Fixtures;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.StepListener;
import dev.atelier.session.SessionPool;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The window's runner reads its memory budget for every job: a change applies to the next job. */
class PipelineJobRunnerBudgetTest {
    @Test
    void eachJobRunsUnderTheBudgetSetWhenItStarts() {
        Path shapes = Fixtures.embeddedModel(EmbeddedModels.DEFAULT);
        Job job = new Job(1, JobSpec.of(GenerationRequest.of("a red circle").withSteps(1).withSize(64, 64).withSeed(3),
                shapes, Device.CPU));
        AtomicLong budget = new AtomicLong(64L << 20); // below the runtime's own ~200 MiB: nothing fits
        try (SessionPool pool = new SessionPool(); PipelineJobRunner runner = new PipelineJobRunner(pool, budget::get)) {
            String refused = assertThrows(IllegalArgumentException.class,
                    () -> runner.run(job, StepListener.NONE, new CancelFlag())).getMessage();
            assertTrue(refused.contains("the memory budget is 64 MiB"), refused);
            budget.set(4L << 30);
            JobOutput out = runner.run(job, StepListener.NONE, new CancelFlag());
            assertEquals(64, out.result().image().width());
            budget.set(64L << 20);
            assertThrows(IllegalArgumentException.class, () -> runner.run(job, StepListener.NONE, new CancelFlag()));
        }
    }
}
