package dev.atelier.ui.queue;

import dev.atelier.job.Job;
import dev.atelier.job.JobOrigin;
import dev.atelier.job.JobSpec;
import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationRequest;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** A queue row's two lines: short enough for the narrow panel, with the prompt and the seed always there. */
class QueueItemTest {
    private static Job job(JobOrigin origin, String prompt) {
        return new Job(7, JobSpec.of(GenerationRequest.of(prompt).withSeed(1004409329L).withSteps(20),
                Path.of("models/tiny-shapes"), Device.CPU).withOrigin(origin));
    }

    @Test
    void aSingleRunNamesOnlyItsSeedAndSteps() {
        QueueItem item = new QueueItem(job(JobOrigin.SINGLE, "a red  star\non blue"));
        assertEquals("#7 · a red star on blue", item.headline());
        assertEquals("seed 1004409329 · 20 steps", item.details());
        assertEquals("#7 · seed 1004409329 · 20 steps · a red star on blue", item.title());
    }

    @Test
    void aBatchJobSaysWhichOfTheBatchItIs() {
        QueueItem item = new QueueItem(job(new JobOrigin.Batch(3, 2, 4), "x".repeat(80)));
        assertEquals("batch 2/4 · seed 1004409329 · 20 steps", item.details());
        assertEquals("#7 · " + "x".repeat(59) + "…", item.headline(), "long prompts are cut at 60 characters");
    }

    @Test
    void anEmptyPromptIsSaid() {
        assertEquals("#7 · (empty prompt)", new QueueItem(job(JobOrigin.SINGLE, "  ")).headline());
    }
}
