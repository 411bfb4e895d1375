package dev.atelier.history;

import dev.atelier.data.DataFolder;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenanceLabel;
import dev.atelier.job.JobEvent;
import dev.atelier.job.JobOutput;
import dev.atelier.job.JobSpec;
import dev.atelier.job.WorkerJobQueue;
import dev.atelier.metadata.ImageMetadata;
import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.preset.PresetPrompt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HistoryRecorderTest {
    private static final Path MODEL = Path.of("models/tiny-shapes");

    private static List<JobEvent> runOne(DataFolder data, HistoryStore store, JobSpec spec) throws InterruptedException {
        List<JobEvent> finals = new CopyOnWriteArrayList<>();
        HistoryRecorder recorder = new HistoryRecorder(
                (job, steps, cancel) -> JobOutput.unsaved(HistorySamples.result(job.request().seed())), store, data);
        try (WorkerJobQueue queue = new WorkerJobQueue(recorder)) {
            queue.addListener(e -> {
                if (e.isFinal()) {
                    finals.add(e);
                }
            });
            queue.enqueue(spec);
            assertTrue(queue.awaitIdle(Duration.ofSeconds(60)));
        }
        return finals;
    }

    @Test
    void aFinishedJobIsSavedUnderTodayAndRecordedWithItsFields(@TempDir Path dir) throws Exception {
        DataFolder data = new DataFolder(dir);
        try (HistoryStore store = HistoryStore.open(data, m -> { })) {
            JobSpec spec = new JobSpec(GenerationRequest.of("x").withSeed(9), MODEL, Device.CPU,
                    new dev.atelier.job.JobOrigin.FromGrid(4, "cfg=5"), Map.of("subject", "a fox", "style", "pixel art"));
            JobEvent.Finished f = (JobEvent.Finished) runOne(data, store, spec).getFirst();
            Path image = f.output().imageFile();
            assertTrue(image.startsWith(dir.resolve("images")), image.toString());
            assertTrue(image.getParent().getFileName().toString().matches("\\d{4}-\\d{2}-\\d{2}"), image.toString());
            Map<String, String> texts = PngFiles.read(image).texts();
            assertTrue(texts.get("parameters").contains("Seed: 9"));
            // the archived copy carries the provenance label and the composer's fields, like a saved image
            ProvenanceLabel label = ProvenanceLabel.parse(texts.get(ProvenanceLabel.XMP_KEY)).orElseThrow();
            assertTrue(ImageMetadata.fromTexts(texts).labelled());
            assertTrue(label.systemUsed().startsWith("Atelier ("), label.systemUsed());
            assertEquals(new PresetPrompt("a fox", "", "pixel art", "", "", ""),
                    ImageMetadata.fromTexts(texts).fields());
            HistoryRecord r = store.get(f.output().historyId()).orElseThrow();
            assertEquals("grid 4 cell cfg=5", r.origin());
            assertEquals(4, r.originGroup());
            assertEquals(Map.of("subject", "a fox", "style", "pixel art"), r.fields());
            assertTrue(r.thumbnail().length > 0);
            assertEquals(1, store.list(HistoryQuery.search("pixel art", 5)).size());
        }
    }

    @Test
    void anUnwritableImagesFolderFailsTheJobWithAMessageAndNoRow(@TempDir Path dir) throws Exception {
        DataFolder data = new DataFolder(dir);
        Files.writeString(dir.resolve("images"), "a file where the images folder should be");
        try (HistoryStore store = HistoryStore.open(data, m -> { })) {
            List<JobEvent> finals = runOne(data, store, JobSpec.of(GenerationRequest.of("x"), MODEL, Device.CPU));
            JobEvent.Failed failed = (JobEvent.Failed) finals.getFirst();
            assertTrue(failed.message().startsWith("Cannot "), failed.message());
            assertTrue(failed.message().contains("images"), failed.message());
            assertEquals(0, store.count());
        }
    }
}
