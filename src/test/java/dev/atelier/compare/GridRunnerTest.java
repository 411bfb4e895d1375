package dev.atelier.compare;

import dev.atelier.data.DataFolder;
import dev.atelier.history.HistoryQuery;
import dev.atelier.history.HistoryRecord;
import dev.atelier.history.HistoryRecorder;
import dev.atelier.history.HistoryStore;
import dev.atelier.history.ModelFingerprint;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenanceLabel;
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

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Grids on the embedded models through the real queue and pipeline. */
class GridRunnerTest {
    private static final Path SHAPES = Fixtures.embeddedModel(EmbeddedModels.DEFAULT);
    private static final Path SHAPES_V = Fixtures.embeddedModel(EmbeddedModels.V_PREDICTION);

    @TempDir
    Path dir;

    private static CellSettings base() {
        StructuredPrompt prompt = StructuredPrompt.empty().with(PromptPart.SUBJECT, "a red circle")
                .with(PromptPart.STYLE, "flat");
        return new CellSettings(SHAPES.toString(), GenerationRequest.of("").withSteps(2).withSize(32, 32), prompt);
    }

    private static GridPlan plan(String... axes) {
        CellSettings base = base();
        AxisParser parser = new AxisParser(n -> Optional.empty(), t -> List.of(t));
        return GridPlan.of(java.util.Arrays.stream(axes).map(a -> parser.parse(a, base)).toList(), base);
    }

    @Test
    void sixteenCellsLoadEachModelOnceAndEncodeEachPromptOncePerModel() throws Exception {
        GridPlan plan = plan("model=" + SHAPES + "," + SHAPES_V, "seed=1-4", "scheduler=ddim,euler-a");
        List<Integer> order = new CopyOnWriteArrayList<>();
        List<JobEvent> jobEvents = new CopyOnWriteArrayList<>();
        try (SessionPool pool = new SessionPool(); PipelineJobRunner runner = new PipelineJobRunner(pool);
             WorkerJobQueue queue = new WorkerJobQueue(runner)) {
            queue.addListener(jobEvents::add);
            GridRun run = new GridRunner(queue, Device.CPU).start(plan,
                    new GridOutputs(dir.resolve("cells"), dir.resolve("grid.json"), dir.resolve("grid.png"), null),
                    e -> {
                        if (e instanceof CellEvent.CellFinished f) {
                            order.add(f.cell());
                        }
                    });
            assertTrue(run.await(Duration.ofMinutes(5)));
            assertEquals(16, order.size());
            assertEquals(plan.executionOrder().stream().map(GridCell::index).toList(), order,
                    "cells finish in execution order (one worker)");
            assertEquals(1, pool.loads(SHAPES, Device.CPU));
            assertEquals(1, pool.loads(SHAPES_V, Device.CPU));
            assertEquals(2, pool.sessionsCreated());
            assertEquals(1, runner.promptsEncoded(SHAPES), "one distinct prompt, encoded once on tiny-shapes");
            assertEquals(1, runner.promptsEncoded(SHAPES_V));
            assertEquals(16, jobEvents.stream().filter(e -> e instanceof JobEvent.Started).count());
            GridManifest saved = ManifestJson.read(dir.resolve("grid.json"));
            assertEquals(run.manifest(), saved);
            for (ManifestCell c : saved.cells()) {
                assertEquals(CellStatus.DONE, c.status());
                Path file = dir.resolve(c.file());
                var png = PngFiles.read(file);
                assertTrue(png.texts().get("parameters").contains("Seed: " + c.settings().request().seed()),
                        png.texts().get("parameters"));
                assertEquals(2, c.stepMillis().size());
            }
            assertEquals(List.of(dir.resolve("grid.png"), dir.resolve("grid-page2.png")), run.sheets());
            assertEquals(saved, GridPngs.readManifest(dir.resolve("grid.png")));
        }
    }

    @Test
    void aModelThatDoesNotLoadFailsItsCellsWhileTheOthersRun() throws Exception {
        Path broken = Files.createDirectories(dir.resolve("not-a-model"));
        GridPlan plan = plan("model=" + broken + "," + SHAPES, "seed=1-2");
        List<CellEvent> events = new CopyOnWriteArrayList<>();
        try (SessionPool pool = new SessionPool(); PipelineJobRunner runner = new PipelineJobRunner(pool);
             WorkerJobQueue queue = new WorkerJobQueue(runner)) {
            GridRun run = new GridRunner(queue, Device.CPU).start(plan,
                    new GridOutputs(dir.resolve("cells"), null, null, null), events::add);
            assertTrue(run.await(Duration.ofMinutes(5)));
        }
        List<CellEvent> ends = events.stream().filter(CellEvent::isFinal).toList();
        for (CellEvent e : ends) {
            boolean brokenCell = e.cell() % 2 == 0; // model is the first axis: columns
            if (brokenCell) {
                CellEvent.CellFailed f = (CellEvent.CellFailed) e;
                assertTrue(f.message().contains("not-a-model"), f.message());
                assertEquals(1, f.message().lines().count());
            } else {
                assertTrue(e instanceof CellEvent.CellFinished, e.toString());
            }
        }
        assertEquals(4, ends.size());
    }

    @Test
    void cancelMidGridKeepsTheFinishedCells() throws Exception {
        GridPlan plan = plan("seed=1-6");
        AtomicBoolean once = new AtomicBoolean();
        GridRun[] holder = new GridRun[1];
        GridManifest end;
        try (SessionPool pool = new SessionPool(); PipelineJobRunner runner = new PipelineJobRunner(pool);
             WorkerJobQueue queue = new WorkerJobQueue(runner)) {
            queue.pause(); // so the run handle exists before the first cell finishes
            holder[0] = new GridRunner(queue, Device.CPU).start(plan,
                    new GridOutputs(dir.resolve("cells"), dir.resolve("grid.json"), null, null), e -> {
                        if (e instanceof CellEvent.CellFinished && once.compareAndSet(false, true)) {
                            holder[0].cancel();
                        }
                    });
            queue.resume();
            assertTrue(holder[0].await(Duration.ofMinutes(5)));
            end = ManifestJson.read(dir.resolve("grid.json"));
        }
        List<ManifestCell> done = end.cells().stream().filter(c -> c.status() == CellStatus.DONE).toList();
        long cancelled = end.cells().stream().filter(c -> c.status() == CellStatus.CANCELLED).count();
        assertTrue(!done.isEmpty() && cancelled > 0, "finished before the cancel: " + done.size() + ", cancelled: " + cancelled);
        assertEquals(6, done.size() + cancelled);
        done.forEach(c -> assertTrue(Files.isRegularFile(dir.resolve(c.file())), c.file()));
        assertEquals(List.of(), end.missingFiles(dir));
    }

    @Test
    void aSecondRunTakesEveryCellFromTheHistoryAndADeletedImageIsGeneratedAgain() throws Exception {
        GridPlan plan = plan("seed=1-2", "scheduler=ddim,euler-a");
        DataFolder data = new DataFolder(dir.resolve("data"));
        AtomicInteger generated = new AtomicInteger();
        try (HistoryStore store = HistoryStore.open(data, n -> { });
             SessionPool pool = new SessionPool(); PipelineJobRunner pipelines = new PipelineJobRunner(pool);
             WorkerJobQueue queue = new WorkerJobQueue(new HistoryRecorder((job, steps, cancel) -> {
                 generated.incrementAndGet();
                 return pipelines.run(job, steps, cancel);
             }, store, data))) {
            GridRunner runner = new GridRunner(queue, Device.CPU, store);
            GridManifest first = runGrid(runner, plan, "first");
            assertEquals(4, generated.get());
            for (ManifestCell c : first.cells()) {
                assertEquals(CellStatus.DONE, c.status());
                List<HistoryRecord> rows = store.list(HistoryQuery.latest(10)).stream()
                        .filter(r -> r.settingsHash().equals(c.hash())).toList();
                assertEquals(1, rows.size(), "each cell's row carries its hash");
                // one place makes both: a generated cell and a cell copied from the history carry the same texts
                Map<String, String> historyTexts = new LinkedHashMap<>(PngFiles.read(rows.getFirst().imageFile()).texts());
                historyTexts.remove(ProvenanceLabel.XMP_KEY);
                assertEquals(historyTexts, PngFiles.read(dir.resolve("first").resolve(c.file())).texts(), "cell " + c.index());
            }
            HistoryCells known = new HistoryCells(store);
            GridEstimate before = plan.estimate(m -> Optional.of(0.5), known::has);
            assertEquals(new GridEstimate(4, 4, 0, Duration.ZERO), before, "every cell would come from the history");
            assertEquals("4 cells, 4 from history, 0 to run, 0 steps, nothing to generate", before.describe());

            GridManifest second = runGrid(runner, plan, "second");
            assertEquals(4, generated.get(), "nothing generated the second time");
            for (ManifestCell c : second.cells()) {
                assertEquals(CellStatus.DONE, c.status());
                assertTrue(c.message().startsWith("from history #"), c.message());
                assertArrayEquals(pixels("first", first.cell(c.index())), pixels("second", c), "cell " + c.index());
            }

            HistoryRecord gone = store.findBySettings(first.cell(3).hash(),
                    ModelFingerprint.of(SHAPES.toAbsolutePath().normalize())).orElseThrow();
            Files.delete(gone.imageFile());
            GridEstimate after = plan.estimate(m -> Optional.of(0.5), new HistoryCells(store)::has);
            assertEquals("4 cells, 3 from history, 1 to run, 2 steps, about 1 s", after.describe(),
                    "the cell whose image is gone is counted to run, with its steps and time");
            GridManifest third = runGrid(runner, plan, "third");
            assertEquals(5, generated.get(), "only the cell whose history image was deleted is generated");
            assertEquals(null, third.cell(3).message());
            for (ManifestCell c : third.cells()) {
                assertArrayEquals(pixels("first", first.cell(c.index())), pixels("third", c), "cell " + c.index());
            }
            runGrid(new GridRunner(queue, Device.CPU), plan, "fourth");
            assertEquals(9, generated.get(), "a runner without the history generates every cell");
        }
    }

    private GridManifest runGrid(GridRunner runner, GridPlan plan, String name) throws Exception {
        Path folder = Files.createDirectories(dir.resolve(name));
        GridRun run = runner.start(plan, new GridOutputs(folder.resolve("cells"), folder.resolve("grid.json"),
                folder.resolve("grid.png"), null), e -> { });
        assertTrue(run.await(Duration.ofMinutes(5)));
        assertEquals(plan.cells().size(), run.queued() + run.takenFromHistory());
        return ManifestJson.read(folder.resolve("grid.json"));
    }

    private byte[] pixels(String name, ManifestCell cell) throws IOException {
        return PngFiles.read(dir.resolve(name).resolve(cell.file())).image().rgb();
    }
}
