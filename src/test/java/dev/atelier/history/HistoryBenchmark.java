package dev.atelier.history;

import dev.atelier.data.DataFolder;
import dev.atelier.job.Job;
import dev.atelier.job.JobOutput;
import dev.atelier.job.JobQueueOptions;
import dev.atelier.job.JobSpec;
import dev.atelier.job.WorkerJobQueue;
import dev.atelier.onnx.Device;
import dev.atelier.onnx.Fixtures;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.onnx.SessionLease;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.StepListener;
import dev.atelier.session.SessionPool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;

/**
 * Run by hand (not a test): history of 10 000 rows (first page, search), queue overhead per job,
 * A → B → A model switch. Prints the rows of docs/PERFORMANCE.md's history/queue table.
 * {@code java -cp target/test-classes:target/classes:DEPS dev.atelier.history.HistoryBenchmark}
 */
public final class HistoryBenchmark {
    private static final int ROWS = 10_000;
    private static final int REPEATS = 20;
    private static final int THUMBNAIL_BYTES = 8 * 1024;

    private HistoryBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("atelier-bench");
        DataFolder data = new DataFolder(dir);
        String[] words = {"red", "blue", "green", "circle", "square", "triangle", "lighthouse", "fox", "pixel art", "flat"};
        // a 128-px PNG thumbnail of a generated image is several KiB; the full integrity check reads them all
        byte[] thumbnail = new byte[THUMBNAIL_BYTES];
        new java.util.Random(1).nextBytes(thumbnail);
        try (HistoryStore store = HistoryStore.open(data, m -> { })) {
            for (int i = 0; i < ROWS; i++) {
                String prompt = "a " + words[i % 10] + " " + words[(i / 10) % 10] + " number " + i;
                store.insert(HistorySamples.row(prompt, i % 2 == 0 ? "tiny-shapes" : "tiny-shapes-v",
                        Instant.parse("2026-01-01T00:00:00Z").plusSeconds(i * 60L), dir.resolve("images/" + i + ".png"),
                        thumbnail));
            }
        }
        System.out.printf(Locale.ROOT, "history.db: %d MiB%n", Files.size(data.historyDatabase()) >> 20);
        double[] checks = {Double.MAX_VALUE};
        double open = bestOf(() -> {
            long t0 = System.nanoTime();
            try (HistoryStore store = HistoryStore.open(data, m -> { })) {
                store.list(HistoryQuery.latest(200));
                long shown = System.nanoTime();
                store.startupChecks().join(); // not part of the figure: the page is on screen by now
                checks[0] = Math.min(checks[0], (System.nanoTime() - t0) / 1e6);
                return (shown - t0) / 1e6;
            }
        });
        try (HistoryStore store = HistoryStore.open(data, m -> { })) {
            store.startupChecks().join(); // the figures below are the browser's, once the checks are done
            double page = best(() -> store.list(HistoryQuery.latest(200)));
            double search = best(() -> store.list(HistoryQuery.search("lighthouse", 200)));
            double rare = best(() -> store.list(HistoryQuery.search("number 9999", 200)));
            double scan = best(store::markMissingFiles);
            row("missing-file scan of 10 000 rows (part of open)", scan);
            double filtered = best(() -> store.list(HistoryQuery.search("fox", 200).withModel("tiny-shapes").withFavouritesOnly(false)));
            row("history 10 000 rows: open (schema and migration check) + first page of 200", open);
            row("  start-up checks in the background (integrity check + missing-file scan), done after open", checks[0]);
            row("history 10 000 rows: first page of 200 (store open)", page);
            row("history search 'lighthouse' (1 000 hits, page of 200)", search);
            row("history search 'number 9999' (1 hit)", rare);
            row("history search 'fox' + model filter", filtered);
            // recording a finished job: pending row, the image (16 px PNG with its label), then marked saved
            int records = 50;
            HistoryRecorder recorder = new HistoryRecorder((job, steps, cancel) -> done(), store, data);
            Job job = new Job(1, JobSpec.of(HistorySamples.result(1).settings(), dir, Device.CPU));
            double record = best(() -> {
                for (int i = 0; i < records; i++) {
                    recorder.run(job, StepListener.NONE, new CancelFlag());
                }
            }) / records;
            row("record a finished job (pending row, 16 px PNG, marked saved), 10 000-row history", record);
            HistoryRecord pending = HistorySamples.row("pending", "tiny-shapes", Instant.now(), dir.resolve("images/p.png"), thumbnail)
                    .withStatus(HistoryStatus.PENDING);
            double mark = bestOf(() -> {
                long id = store.insert(pending);
                long t0 = System.nanoTime();
                store.markSaved(id, pending);
                return (System.nanoTime() - t0) / 1e6;
            });
            row("  of which marking the row saved (the second transaction)", mark);
        }
        int jobs = 10_000;
        GenerationRequest req = GenerationRequest.of("x");
        JobOutput done = JobOutput.unsaved(HistorySamples.result(1));
        double perJob = best(() -> {
            try (WorkerJobQueue q = new WorkerJobQueue((job, steps, cancel) -> done, JobQueueOptions.DEFAULT)) {
                q.addListener(e -> { });
                for (int i = 0; i < jobs; i++) {
                    q.enqueue(JobSpec.of(req, dir, Device.CPU));
                }
                q.awaitIdle(Duration.ofMinutes(1));
            }
        }) / jobs;
        row("queue overhead per job (enqueue → Finished delivered, empty runner)", perJob);
        ModelFolder a = ModelFolder.open(Fixtures.fixture(Fixtures.SD15));
        ModelFolder b = ModelFolder.open(Fixtures.fixture(Fixtures.SD2V));
        try (SessionPool pool = new SessionPool()) {
            double first = time(() -> pool.acquire(a, Device.CPU).close());
            double second = Double.MAX_VALUE;
            for (int i = 0; i < REPEATS; i++) {
                time(() -> pool.acquire(b, Device.CPU).close());
                second = Math.min(second, time(() -> pool.acquire(a, Device.CPU).close()));
            }
            System.out.println("loads of A: " + pool.loads(a.root(), Device.CPU) + ", sessions created: " + pool.sessionsCreated());
            row("session pool: first load of model A (sd15 fixture)", first);
            row("session pool: A → B → A, second A", second);
            try (SessionLease l = pool.acquire(a, Device.CPU)) {
                l.sessions();
            }
        }
    }

    private static JobOutput done() {
        return JobOutput.unsaved(HistorySamples.result(1));
    }

    private interface Body {
        void run() throws Exception;
    }

    private static double time(Body body) throws Exception {
        long t0 = System.nanoTime();
        body.run();
        return (System.nanoTime() - t0) / 1e6;
    }

    private interface Timed {
        double run() throws Exception;
    }

    private static double bestOf(Timed body) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < REPEATS; i++) {
            best = Math.min(best, body.run());
        }
        return best;
    }

    private static double best(Body body) throws Exception {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < REPEATS; i++) {
            best = Math.min(best, time(body));
        }
        return best;
    }

    private static void row(String what, double ms) {
        System.out.printf(Locale.ROOT, "| %s | %.3f ms |%n", what, ms);
    }
}
