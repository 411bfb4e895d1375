package dev.atelier.compare;

import dev.atelier.history.HistoryRecord;
import dev.atelier.history.HistoryStore;
import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.job.JobOrigin;
import dev.atelier.job.JobQueue;
import dev.atelier.job.JobSpec;
import dev.atelier.metadata.GeneratedImageTexts;
import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationResult;
import dev.atelier.pipeline.ParametersText;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Runs a grid's cells as jobs on a {@link JobQueue}, in the plan's execution order (model
 * outermost, cells sharing a prompt adjacent, so each model's conditioning cache reuses the
 * encodings). Each finished cell is written as its own PNG with its complete metadata and the
 * manifest is updated (and saved) after every cell; a cell that fails (a model folder that does not
 * load) fails alone; cancelling keeps the finished cells. The grid sheet is written at the end.
 * With a history, a cell generated before (same settings hash, same model fingerprint, image still
 * there) is copied from the history instead of being queued.
 */
public final class GridRunner {
    private final JobQueue queue;
    private final Device device;
    /** Where cells already generated are looked up; null: every cell is generated. */
    private final HistoryCells history;
    /** Grid ids for the jobs' origin, unique per runner (the queue groups by them). */
    private final AtomicLong nextGrid = new AtomicLong(1);

    /** A runner that generates every cell. */
    public GridRunner(JobQueue queue, Device device) {
        this(queue, device, null);
    }

    /**
     * A runner that takes a cell from {@code history} instead of generating it when a row there has
     * the cell's settings hash, the same model fingerprint and its image file in place; null
     * {@code history} generates every cell.
     */
    public GridRunner(JobQueue queue, Device device, HistoryStore history) {
        this.queue = Objects.requireNonNull(queue, "queue");
        this.device = Objects.requireNonNull(device, "device");
        this.history = history == null ? null : new HistoryCells(history);
    }

    /** Starts every cell of a new grid. */
    public GridRun start(GridPlan plan, GridOutputs outputs, Consumer<CellEvent> listener) throws IOException {
        GridManifest manifest = GridManifest.of(plan);
        List<ManifestCell> toRun = plan.executionOrder().stream().map(c -> manifest.cell(c.index())).toList();
        return start(new GridExtension(manifest, toRun), outputs, listener);
    }

    /**
     * Starts the cells {@code work} lists (in its order); the other cells of its manifest are kept
     * as they are. {@code listener} is called on the queue's threads.
     */
    public GridRun start(GridExtension work, GridOutputs outputs, Consumer<CellEvent> listener) throws IOException {
        Files.createDirectories(outputs.cellsDir());
        long gridId = nextGrid.getAndIncrement();
        GridRun run = new GridRun(work.manifest(), work.toRun().size(), outputs, listener);
        run.cancelHook = queue::cancel;
        run.listening = queue.addListener(event -> run.onEvent(event, gridId));
        Map<ManifestCell, HistoryRecord> known = new LinkedHashMap<>();
        for (ManifestCell cell : work.toRun()) {
            Optional<HistoryRecord> row = history == null ? Optional.empty() : history.find(cell);
            if (row.isPresent()) {
                known.put(cell, row.get());
            } else {
                run.jobs.add(queue.enqueue(spec(cell, gridId)));
            }
        }
        // copied while the queue generates the others; a file gone meanwhile means generating after all
        for (var e : known.entrySet()) {
            if (!run.takeFromHistory(e.getKey(), e.getValue())) {
                run.jobs.add(queue.enqueue(spec(e.getKey(), gridId)));
            }
        }
        if (work.toRun().isEmpty()) {
            run.finish();
        }
        return run;
    }

    private JobSpec spec(ManifestCell cell, long gridId) {
        return new JobSpec(cell.settings().request(), Path.of(cell.settings().model()), device,
                new JobOrigin.FromGrid(gridId, Integer.toString(cell.index()), cell.hash()), fields(cell.settings().prompt()));
    }

    /**
     * The composer fields a cell's job carries for the history (the non-empty ones), named as the
     * window names them ({@code subject}, {@code free_text}), so restoring a cell refills the composer.
     */
    static Map<String, String> fields(StructuredPrompt prompt) {
        Map<String, String> out = new LinkedHashMap<>();
        for (PromptPart part : prompt.nonEmptyParts()) {
            out.put(part.name().toLowerCase(java.util.Locale.ROOT), prompt.text(part));
        }
        return out;
    }

    /**
     * One cell's PNG texts, made as the history makes its copy (A1111 parameters and Atelier's
     * fields chunk of the job's fields), so a generated cell and a cell taken from the history
     * carry the same metadata.
     */
    static Map<String, String> texts(GenerationResult result, StructuredPrompt prompt) {
        return GeneratedImageTexts.of(ParametersText.text(result), fields(prompt));
    }

    /** The picture of a finished cell, read back from its file (null when it has none or it is gone). */
    public static PixelImage readCell(ManifestCell cell, Path base) {
        if (cell.status() != CellStatus.DONE || cell.file() == null) {
            return null;
        }
        Path file = base.resolve(cell.file());
        try {
            return Files.isRegularFile(file) ? PngFiles.read(file).image() : null;
        } catch (IOException e) {
            return null;
        }
    }
}
