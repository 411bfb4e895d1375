package dev.atelier.job;

import dev.atelier.onnx.Device;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.Fixtures;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.session.SessionPool;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real pipeline behind the queue: sessions loaded once per model, each prompt encoded once per model. */
class EmbeddedModelQueueTest {
    @Test
    void jobsOnTwoModelsShareSessionsAndConditioning() throws InterruptedException {
        Path shapes = Fixtures.embeddedModel(EmbeddedModels.DEFAULT);
        Path shapesV = Fixtures.embeddedModel(EmbeddedModels.V_PREDICTION);
        GenerationRequest base = GenerationRequest.of("a red circle").withSteps(2).withSize(64, 64).withSeed(3);
        List<JobEvent> finals = new CopyOnWriteArrayList<>();
        try (SessionPool pool = new SessionPool(); PipelineJobRunner runner = new PipelineJobRunner(pool);
             WorkerJobQueue queue = new WorkerJobQueue(runner)) {
            queue.addListener(e -> {
                if (e.isFinal()) {
                    finals.add(e);
                }
            });
            List<Job> batch = queue.enqueueBatch(JobSpec.of(base, shapes, Device.CPU), 2);
            queue.enqueue(JobSpec.of(base, shapesV, Device.CPU));
            queue.enqueue(JobSpec.of(base.withPrompt("a blue square"), shapes, Device.CPU));
            Job repeat = queue.enqueue(JobSpec.of(base, shapes, Device.CPU));
            assertTrue(queue.awaitIdle(Duration.ofMinutes(5)));
            assertEquals(5, finals.size());
            finals.forEach(e -> assertTrue(e instanceof JobEvent.Finished, e.toString()));
            assertEquals(1, pool.loads(shapes, Device.CPU), "A → B → A reloads nothing");
            assertEquals(1, pool.loads(shapesV, Device.CPU));
            assertEquals(2, pool.sessionsCreated());
            assertEquals(2, runner.promptsEncoded(shapes), "two distinct prompts on tiny-shapes");
            assertEquals(1, runner.promptsEncoded(shapesV));
            byte[] first = output(finals, batch.getFirst().id());
            assertArrayEquals(first, output(finals, repeat.id()), "same request, same image");
            assertEquals(2, queue.steps(repeat.id()).size());
        }
    }

    private static byte[] output(List<JobEvent> finals, long id) {
        return finals.stream().filter(e -> e.jobId() == id).map(e -> ((JobEvent.Finished) e).output().result().image().rgb())
                .findFirst().orElseThrow();
    }
}
