package dev.atelier.ui.compare;

import dev.atelier.image.PixelImage;

import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The live grid's input, callable from any thread (the job queue's workers). Events are queued and
 * drained on the FX thread by one pending task at a time; each drain works for at most
 * {@link #SLICE_NANOS} and then yields, so many streaming cells never hold the FX thread long. A
 * cell's picture is redrawn once per drain however many steps arrived (latest wins), but every
 * step's preview is recorded for scrubbing.
 */
public final class GridFeed {
    /** How long one drain may keep the FX thread before it yields to layout and input. */
    static final long SLICE_NANOS = TimeUnit.MILLISECONDS.toNanos(8);
    /**
     * Recorded previews are shrunk to at most this many pixels a side (a latent preview of a 512
     * image is 64 px already): 64 cells × 50 steps then stay under 40 MB.
     */
    static final int PREVIEW_SIDE = 64;

    private sealed interface Event permits FeedStarted, FeedStep, FeedFinished, FeedFailed, FeedCancelled {
        int cell();
    }

    private record FeedStarted(int cell, int total) implements Event {
    }

    private record FeedStep(int cell, int step, int total, PixelImage preview) implements Event {
    }

    private record FeedFinished(int cell, PixelImage image) implements Event {
    }

    private record FeedFailed(int cell, String message) implements Event {
    }

    private record FeedCancelled(int cell) implements Event {
    }

    private final LiveGridModel model;
    private final Executor fxExecutor;
    private final int cellCount;
    private final Queue<Event> pending = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    /** Cells whose picture is stale; touched on the FX thread only. */
    private final Set<Integer> stale = new LinkedHashSet<>();

    /** {@code fxExecutor} runs a task on the FX thread ({@code Platform::runLater}). */
    public GridFeed(LiveGridModel model, Executor fxExecutor) {
        this.model = Objects.requireNonNull(model, "model");
        this.fxExecutor = Objects.requireNonNull(fxExecutor, "fxExecutor");
        this.cellCount = model.cells().size();
    }

    /** The cell began running and will take {@code totalSteps} steps. */
    public void cellStarted(int cell, int totalSteps) {
        checkCell(cell);
        if (totalSteps < 1) {
            throw new IllegalArgumentException("a cell runs at least one step, got " + totalSteps);
        }
        post(new FeedStarted(cell, totalSteps));
    }

    /** Step {@code step} (0-based) of {@code total} produced {@code preview}. Never blocks. */
    public void cellStep(int cell, int step, int total, PixelImage preview) {
        checkCell(cell);
        if (total < 1 || step < 0 || step >= total) {
            throw new IllegalArgumentException("step " + step + " of cell " + cell + " is not one of 0.." + (total - 1));
        }
        post(new FeedStep(cell, step, total, shrink(Objects.requireNonNull(preview, "preview"))));
    }

    public void cellFinished(int cell, PixelImage image) {
        checkCell(cell);
        post(new FeedFinished(cell, Objects.requireNonNull(image, "image")));
    }

    /** The cell failed; {@code message} is the one line the user reads on the cell. */
    public void cellFailed(int cell, String message) {
        checkCell(cell);
        post(new FeedFailed(cell, message == null || message.isBlank() ? "failed" : message.strip()));
    }

    public void cellCancelled(int cell) {
        checkCell(cell);
        post(new FeedCancelled(cell));
    }

    private void checkCell(int cell) {
        if (cell < 0 || cell >= cellCount) {
            throw new IllegalArgumentException("cell " + cell + " is not one of the grid's 0.." + (cellCount - 1));
        }
    }

    private void post(Event e) {
        pending.add(e);
        schedule();
    }

    private void schedule() {
        if (scheduled.compareAndSet(false, true)) {
            fxExecutor.execute(this::drain);
        }
    }

    private void drain() {
        long start = System.nanoTime();
        // events get half the slice, so a flood of steps never starves the redraw
        Event e;
        while (System.nanoTime() - start < SLICE_NANOS / 2 && (e = pending.poll()) != null) {
            apply(e);
            stale.add(e.cell());
        }
        var it = stale.iterator();
        // at least one cell is redrawn per drain, whatever the clock says
        while (it.hasNext()) {
            model.refresh(model.cell(it.next()));
            it.remove();
            if (System.nanoTime() - start >= SLICE_NANOS) {
                break;
            }
        }
        // cleared before the check so an event posted meanwhile is never stranded
        scheduled.set(false);
        if (!pending.isEmpty() || !stale.isEmpty()) {
            schedule();
        }
    }

    private void apply(Event e) {
        switch (e) {
            case FeedStarted s -> model.started(s.cell(), s.total());
            case FeedStep s -> model.recordStep(s.cell(), s.step(), s.total(), s.preview());
            case FeedFinished f -> model.finished(f.cell(), f.image());
            case FeedFailed f -> model.failed(f.cell(), f.message());
            case FeedCancelled c -> model.cancelled(c.cell());
        }
    }

    /** Nearest-neighbour shrink to {@link #PREVIEW_SIDE}, on the caller's thread. */
    static PixelImage shrink(PixelImage p) {
        int side = Math.max(p.width(), p.height());
        if (side <= PREVIEW_SIDE) {
            return p;
        }
        int w = Math.max(1, p.width() * PREVIEW_SIDE / side);
        int h = Math.max(1, p.height() * PREVIEW_SIDE / side);
        byte[] out = new byte[w * h * 3];
        byte[] in = p.rgb();
        for (int y = 0; y < h; y++) {
            int sy = y * p.height() / h;
            for (int x = 0; x < w; x++) {
                int sx = x * p.width() / w;
                System.arraycopy(in, (sy * p.width() + sx) * 3, out, (y * w + x) * 3, 3);
            }
        }
        return new PixelImage(w, h, out);
    }
}
