package dev.atelier.ui.compare;

import dev.atelier.compare.AxisKind;
import dev.atelier.compare.GridPlan;
import javafx.application.Platform;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import org.testfx.api.FxRobot;

/**
 * Measures (and prints; no timing assertion) how long the FX thread works without a break while 64
 * cells stream 20 steps each from 8 threads at once, into a real window. The probe is the one
 * {@code WorkbenchRunFxTest} uses: a task posted every 5 ms records the FX thread's CPU time since
 * the previous probe, and how late it ran. The number goes to docs/UI.md.
 */
@ExtendWith(ApplicationExtension.class)
class GridResponsivenessFxTest {
    private static final int STEPS = 20;
    private final FxRobot robot = new FxRobot();
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private Stage stage;
    private CompareFixtures f;
    /** The longest single drain of the feed (its own share of the FX thread's work). */
    private final AtomicLong worstDrain = new AtomicLong();

    @Start
    void start(Stage stage) {
        this.stage = stage;
    }

    private CompareFixtures showNewGrid() {
        String[] eight = {"1", "2", "3", "4", "5", "6", "7", "8"};
        GridPlan plan = GridPlan.of(List.of(CompareFixtures.axis(AxisKind.SEED, eight),
                CompareFixtures.axis(AxisKind.GUIDANCE, "1", "2", "3", "4", "5", "6", "7", "8")), CompareFixtures.base()
                .withRequest(r -> r.withSteps(STEPS)));
        CompareFixtures grid = new CompareFixtures(plan, Duration.seconds(1), task -> Platform.runLater(() -> {
            long t = threads.getCurrentThreadCpuTime();
            task.run();
            worstDrain.accumulateAndGet(threads.getCurrentThreadCpuTime() - t, Math::max);
        }));
        CompareFixtures old = f;
        robot.interact(() -> {
            if (old != null) {
                old.view.dispose();
            }
            grid.show(stage, 96, 1200, 900);
        });
        return grid;
    }

    /** Streams the whole grid from 8 threads and waits until every cell shows its final image. */
    private void streamAndWait() throws Exception {
        List<Thread> producers = new ArrayList<>();
        for (int t = 0; t < 8; t++) {
            int first = t * 8;
            Thread p = new Thread(() -> stream(first), "cells-" + first);
            producers.add(p);
            p.start();
        }
        for (Thread p : producers) {
            p.join();
        }
        CompareFixtures.waitFor(60, () -> f.grid.cells().stream()
                .allMatch(c -> c.phase() == CellPhase.DONE && c.shownStepProperty().get() == STEPS - 1));
    }

    @Test
    void sixtyFourStreamingCellsLeaveTheFxThreadBreaks() throws Exception {
        // warm-up on a first grid (class loading, JIT), as a running workbench would be
        f = showNewGrid();
        streamAndWait();
        f = showNewGrid();
        worstDrain.set(0);
        long fxThread = CompareFixtures.fx(() -> Thread.currentThread().threadId());
        AtomicLong lastCpu = new AtomicLong(threads.getThreadCpuTime(fxThread));
        AtomicLong worstBusy = new AtomicLong();
        AtomicLong worstLag = new AtomicLong();
        AtomicInteger probes = new AtomicInteger();
        ScheduledExecutorService prober = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        try {
            prober.scheduleAtFixedRate(() -> {
                long sent = System.nanoTime();
                Platform.runLater(() -> {
                    worstLag.accumulateAndGet(System.nanoTime() - sent, Math::max);
                    long cpu = threads.getCurrentThreadCpuTime();
                    worstBusy.accumulateAndGet(cpu - lastCpu.getAndSet(cpu), Math::max);
                    probes.incrementAndGet();
                });
            }, 0, 5, TimeUnit.MILLISECONDS);
            streamAndWait();
        } finally {
            prober.shutdownNow();
        }
        long wallMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        System.out.printf("FX probe, 64 live cells x %d steps from 8 threads: %d probes over %d ms, "
                        + "worst FX-thread work between probes %d ms, longest feed drain %d ms CPU, worst probe lag %d ms%n",
                STEPS, probes.get(), wallMs, TimeUnit.NANOSECONDS.toMillis(worstBusy.get()),
                TimeUnit.NANOSECONDS.toMillis(worstDrain.get()),
                TimeUnit.NANOSECONDS.toMillis(worstLag.get()));
        assertTrue(probes.get() > 10, "the probe ran");
        for (LiveCell c : f.grid.cells()) {
            for (int s = 0; s < STEPS; s++) {
                int step = s;
                assertTrue(CompareFixtures.fx(() -> c.preview(step) != null), "cell " + c.index() + " step " + s + " recorded");
            }
        }
        assertEquals(64, f.grid.cells().size());
    }

    /** Eight cells side by side, one step of each in turn, as parallel jobs would deliver them. */
    private void stream(int first) {
        for (int c = first; c < first + 8; c++) {
            f.feed.cellStarted(c, STEPS);
        }
        for (int s = 0; s < STEPS; s++) {
            for (int c = first; c < first + 8; c++) {
                f.feed.cellStep(c, s, STEPS, CompareFixtures.frame(c, s, STEPS, 64));
            }
            try {
                Thread.sleep(2);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
        for (int c = first; c < first + 8; c++) {
            f.feed.cellFinished(c, CompareFixtures.frame(c, STEPS - 1, STEPS, 256));
        }
    }
}
