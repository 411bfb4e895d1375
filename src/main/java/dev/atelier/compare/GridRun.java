package dev.atelier.compare;

import dev.atelier.history.HistoryRecord;
import dev.atelier.image.AtomicFiles;
import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.job.Job;
import dev.atelier.job.JobEvent;
import dev.atelier.job.JobOrigin;
import dev.atelier.pipeline.GenerationResult;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * A grid started by {@link GridRunner}: its live manifest, cancel, and waiting for the end. When
 * the last cell ends the manifest and the grid sheet are written (if {@link GridOutputs} names them).
 */
public final class GridRun {
    private final GridOutputs outputs;
    private final Consumer<CellEvent> listener;
    private final CountDownLatch done = new CountDownLatch(1);
    /** Writes files and ends cells off the queue's worker, so the next cell starts while this one is saved. */
    private final java.util.concurrent.ExecutorService writer = java.util.concurrent.Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "grid-writer");
        t.setDaemon(true);
        return t;
    });
    private final Map<Long, Integer> cellOfJob = new ConcurrentHashMap<>();
    /** Pictures made in this run, so the sheet need not read them back. */
    private final Map<Integer, PixelImage> images = new HashMap<>();
    final List<Job> jobs = new CopyOnWriteArrayList<>();
    volatile AutoCloseable listening;
    private GridManifest manifest;
    private int remaining;
    private IOException writeFailure;
    private List<Path> sheets = List.of();
    private int reused;

    GridRun(GridManifest manifest, int cells, GridOutputs outputs, Consumer<CellEvent> listener) {
        this.manifest = manifest;
        this.remaining = cells;
        this.outputs = outputs;
        this.listener = listener == null ? e -> { } : listener;
    }

    /** The manifest as it stands: finished cells have their file and timings. */
    public synchronized GridManifest manifest() {
        return manifest;
    }

    /** Cancels every cell not yet finished; finished cells and their files are kept. */
    public void cancel() {
        for (Job job : jobs) {
            queueCancel(job);
        }
    }

    private void queueCancel(Job job) {
        cancelHook.test(job.id());
    }

    /** The queue's cancel, set by the runner. */
    volatile java.util.function.LongPredicate cancelHook = id -> false;

    /** Waits for every cell to end; false on timeout. */
    public boolean await(Duration timeout) throws InterruptedException {
        return done.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** The grid sheet files written at the end (empty before, or when none was asked for). */
    public synchronized List<Path> sheets() {
        return sheets;
    }

    /** A failure to write the manifest or the sheet at the end, or null. */
    public synchronized IOException writeFailure() {
        return writeFailure;
    }

    void onEvent(JobEvent event, long gridId) {
        Integer cell = cellOf(event, gridId);
        if (cell == null) {
            return;
        }
        switch (event) {
            case JobEvent.Step s -> listener.accept(new CellEvent.CellStep(cell, s.state()));
            case JobEvent.Finished f -> writer.execute(() -> finished(cell, f.output().result()));
            case JobEvent.Failed f -> writer.execute(() -> ended(manifestCell(cell).failed(f.message()),
                    new CellEvent.CellFailed(cell, f.message())));
            case JobEvent.Cancelled c -> writer.execute(() -> ended(manifestCell(cell).cancelled(), new CellEvent.CellCancelled(cell)));
            default -> { }
        }
    }

    private Integer cellOf(JobEvent event, long gridId) {
        Job job = switch (event) {
            case JobEvent.Queued q -> q.job();
            case JobEvent.Started s -> s.job();
            case JobEvent.Finished f -> f.job();
            case JobEvent.Failed f -> f.job();
            case JobEvent.Cancelled c -> c.job();
            case JobEvent.Step s -> null;
        };
        if (job == null) {
            return cellOfJob.get(event.jobId());
        }
        if (job.origin() instanceof JobOrigin.FromGrid g && g.gridId() == gridId) {
            int cell = Integer.parseInt(g.cellKey());
            cellOfJob.put(job.id(), cell);
            return cell;
        }
        return null;
    }

    private synchronized ManifestCell manifestCell(int cell) {
        return manifest.cell(cell);
    }

    /**
     * Copies history row {@code row}'s image as {@code planned}'s cell file and ends the cell (on
     * the writer); false, with nothing written, when the image cannot be read (the cell must be generated).
     */
    boolean takeFromHistory(ManifestCell planned, HistoryRecord row) {
        Path file = outputs.cellsDir().resolve(GridOutputs.cellFileName(planned));
        PixelImage image;
        try {
            AtomicFiles.writeBytes(file, Files.readAllBytes(row.imageFile()));
            image = PngFiles.read(file).image(); // the sheet's picture, and proof the copy is a whole PNG
        } catch (IOException | RuntimeException e) {
            try {
                Files.deleteIfExists(file);
            } catch (IOException ignored) {
                // the cell is generated next and its file written over this one
            }
            return false;
        }
        synchronized (this) {
            reused++;
        }
        writer.execute(() -> {
            synchronized (this) {
                images.put(planned.index(), image);
            }
            ended(planned.fromHistory(outputs.recorded(file), row.id(), Math.round(row.totalMillis())),
                    new CellEvent.FromHistory(planned.index(), row.id(), file, image));
        });
        return true;
    }

    /** How many cells of this run were taken from the history instead of being generated. */
    public synchronized int takenFromHistory() {
        return reused;
    }

    /** How many cells of this run were queued to be generated. */
    public int queued() {
        return jobs.size();
    }

    private void finished(int cell, GenerationResult result) {
        ManifestCell planned = manifestCell(cell);
        Path file = outputs.cellsDir().resolve(GridOutputs.cellFileName(planned));
        try {
            PngFiles.write(result.image(), GridRunner.texts(result, planned.settings().prompt()),
                    outputs.cellLabel(result), file);
        } catch (IOException e) {
            String why = "cell " + cell + " was generated but could not be written: " + e.getMessage();
            ended(planned.failed(why), new CellEvent.CellFailed(cell, why));
            return;
        }
        synchronized (this) {
            images.put(cell, result.image());
        }
        List<Long> steps = Arrays.stream(result.timings().stepNanos()).map(n -> n / 1_000_000).boxed().toList();
        ended(planned.done(outputs.recorded(file), result.timings().totalNanos() / 1_000_000, steps),
                new CellEvent.CellFinished(cell, result, file));
    }

    private void ended(ManifestCell updated, CellEvent event) {
        boolean last;
        synchronized (this) {
            manifest = manifest.with(updated);
            remaining--;
            last = remaining == 0;
            if (!last) {
                saveManifest();
            }
        }
        listener.accept(event);
        if (last) {
            finish();
        }
    }

    /** Writes the manifest and the sheet, stops listening and releases {@link #await}. */
    void finish() {
        GridManifest end;
        Map<Integer, PixelImage> made;
        boolean failedBefore;
        synchronized (this) {
            end = manifest;
            made = new HashMap<>(images);
            failedBefore = writeFailure != null;
        }
        // the manifest and the sheet pages are written at the same time, so their disk flushes overlap
        CompletableFuture<IOException> manifestWrite = CompletableFuture.supplyAsync(() -> {
            if (outputs.manifest() == null || failedBefore) {
                return null;
            }
            try {
                ManifestJson.write(end, outputs.manifest());
                return null;
            } catch (IOException e) {
                return e;
            }
        });
        List<Path> written = List.of();
        IOException sheetFailure = null;
        if (outputs.sheet() != null && !failedBefore) {
            try {
                written = GridPngs.write(end, c -> made.containsKey(c.index()) ? made.get(c.index())
                        : GridRunner.readCell(c, outputs.base()), outputs.sheet(), outputs.provenance());
            } catch (IOException e) {
                sheetFailure = e;
            }
        }
        IOException manifestFailure = manifestWrite.join();
        synchronized (this) {
            sheets = written;
            if (writeFailure == null) {
                writeFailure = manifestFailure != null ? manifestFailure : sheetFailure;
            }
        }
        AutoCloseable l = listening;
        if (l != null) {
            try {
                l.close();
            } catch (Exception e) {
                // removing a listener does not fail in practice; the run is over either way
            }
        }
        writer.shutdown(); // this task is its last
        done.countDown();
    }

    private void saveManifest() {
        if (outputs.manifest() == null || writeFailure != null) {
            return;
        }
        try {
            ManifestJson.write(manifest, outputs.manifest());
        } catch (IOException e) {
            writeFailure = e;
        }
    }
}
