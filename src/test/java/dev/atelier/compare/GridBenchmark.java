package dev.atelier.compare;

import dev.atelier.job.PipelineJobRunner;
import dev.atelier.job.WorkerJobQueue;
import dev.atelier.onnx.Device;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.Fixtures;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.session.SessionPool;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Run by hand (not a test): the 2 models × 4 seeds × 2 schedulers grid on the embedded models
 * (by default at the models' own defaults, 128 px and 20 steps; {@code SIZE STEPS} as arguments), wall
 * time from start to the sheet written vs the sum of the 16 cells' own generation times (each includes
 * its share of session loading, as a single generate would). Prints the rows of docs/PERFORMANCE.md's
 * grid table.
 * {@code java -cp target/test-classes:target/classes:DEPS dev.atelier.compare.GridBenchmark [SIZE STEPS]}
 */
public final class GridBenchmark {
    private static final int ROUNDS = 5;

    private GridBenchmark() {
    }

    /** The runner, timing how long jobs wait for their model's pipeline (folder, tokenizer) before generating. */
    private static dev.atelier.job.JobRunner timedOpen(PipelineJobRunner runner, java.util.concurrent.atomic.AtomicLong nanos) {
        return new dev.atelier.job.JobRunner() {
            @Override
            public dev.atelier.job.JobOutput run(dev.atelier.job.Job job, dev.atelier.pipeline.StepListener steps,
                                                 dev.atelier.pipeline.CancelFlag cancel) {
                long t0 = System.nanoTime();
                runner.pipeline(job);
                nanos.addAndGet(System.nanoTime() - t0);
                return runner.run(job, steps, cancel);
            }

            @Override
            public void prepare(dev.atelier.job.Job next) {
                runner.prepare(next);
            }
        };
    }

    public static void main(String[] args) throws Exception {
        int size = args.length > 0 ? Integer.parseInt(args[0]) : 128;
        int steps = args.length > 1 ? Integer.parseInt(args[1]) : 20;
        System.out.println("grid at " + size + " px, " + steps + " steps");
        Path shapes = Fixtures.embeddedModel(EmbeddedModels.DEFAULT);
        Path shapesV = Fixtures.embeddedModel(EmbeddedModels.V_PREDICTION);
        StructuredPrompt prompt = StructuredPrompt.empty().with(PromptPart.SUBJECT, "a red circle").with(PromptPart.STYLE, "flat");
        CellSettings base = new CellSettings(shapes.toString(), GenerationRequest.of("").withSteps(steps).withSize(size, size), prompt);
        AxisParser parser = new AxisParser(n -> Optional.empty(), List::of);
        GridPlan plan = GridPlan.of(List.of(parser.parse("model=" + shapes + "," + shapesV, base),
                parser.parse("seed=1-4", base), parser.parse("scheduler=ddim,euler-a", base)), base);
        System.out.println("| round | wall (ms) | sum of cells (ms) | ratio |");
        System.out.println("|---|---|---|---|");
        for (int round = 0; round <= ROUNDS; round++) {
            java.util.concurrent.atomic.AtomicLong opening = new java.util.concurrent.atomic.AtomicLong();
            Path dir = Files.createTempDirectory("atelier-grid-bench");
            try (SessionPool pool = new SessionPool(); PipelineJobRunner runner = new PipelineJobRunner(pool);
                 WorkerJobQueue queue = new WorkerJobQueue(timedOpen(runner, opening))) {
                List<long[]> marks = new java.util.concurrent.CopyOnWriteArrayList<>();
                queue.addListener(e -> {
                    if (e instanceof dev.atelier.job.JobEvent.Started || e instanceof dev.atelier.job.JobEvent.Finished) {
                        marks.add(new long[]{e instanceof dev.atelier.job.JobEvent.Started ? 0 : 1, System.nanoTime(),
                                e instanceof dev.atelier.job.JobEvent.Finished f ? f.output().result().timings().totalNanos() : 0});
                    }
                });
                long start = System.nanoTime();
                GridRun run = new GridRunner(queue, Device.CPU).start(plan,
                        new GridOutputs(dir.resolve("cells"), dir.resolve("grid.json"), dir.resolve("grid.png"), null), e -> { });
                if (!run.await(Duration.ofMinutes(10))) {
                    throw new IllegalStateException("grid did not finish");
                }
                long end = System.nanoTime();
                double wall = (end - start) / 1e6;
                double before = (marks.getFirst()[1] - start) / 1e6;
                double after = (end - marks.getLast()[1]) / 1e6;
                double gaps = 0;
                double inJob = 0;
                for (int i = 0; i + 1 < marks.size(); i += 2) {
                    inJob += (marks.get(i + 1)[1] - marks.get(i)[1] - marks.get(i + 1)[2]) / 1e6;
                    if (i + 2 < marks.size()) {
                        gaps += (marks.get(i + 2)[1] - marks.get(i + 1)[1]) / 1e6;
                    }
                }
                System.out.printf(Locale.ROOT, "  before first job %.1f, between jobs %.1f, in jobs outside generate %.1f"
                        + " (of which waiting for a model's pipeline %.1f), after last job %.1f%n",
                        before, gaps, inJob, opening.get() / 1e6, after);
                double sum = run.manifest().cells().stream().mapToLong(ManifestCell::totalMillis).sum();
                if (round > 0) { // round 0 warms the JIT
                    System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.3f |%n", round, wall, sum, wall / sum);
                }
            }
        }
    }
}
