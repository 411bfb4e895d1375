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
 * (64 px, 3 steps), wall time from start to the sheet written vs the sum of the 16 cells' own
 * generation times (each includes its share of session loading, as a single generate would).
 * Prints the rows of docs/PERFORMANCE.md's grid table.
 * {@code java -cp target/test-classes:target/classes:DEPS dev.atelier.compare.GridBenchmark}
 */
public final class GridBenchmark {
    private static final int ROUNDS = 5;

    private GridBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path shapes = Fixtures.embeddedModel(EmbeddedModels.DEFAULT);
        Path shapesV = Fixtures.embeddedModel(EmbeddedModels.V_PREDICTION);
        StructuredPrompt prompt = StructuredPrompt.empty().with(PromptPart.SUBJECT, "a red circle").with(PromptPart.STYLE, "flat");
        CellSettings base = new CellSettings(shapes.toString(), GenerationRequest.of("").withSteps(3).withSize(64, 64), prompt);
        AxisParser parser = new AxisParser(n -> Optional.empty(), List::of);
        GridPlan plan = GridPlan.of(List.of(parser.parse("model=" + shapes + "," + shapesV, base),
                parser.parse("seed=1-4", base), parser.parse("scheduler=ddim,euler-a", base)), base);
        System.out.println("| round | wall (ms) | sum of cells (ms) | ratio |");
        System.out.println("|---|---|---|---|");
        for (int round = 0; round <= ROUNDS; round++) {
            Path dir = Files.createTempDirectory("atelier-grid-bench");
            try (SessionPool pool = new SessionPool(); PipelineJobRunner runner = new PipelineJobRunner(pool);
                 WorkerJobQueue queue = new WorkerJobQueue(runner)) {
                long start = System.nanoTime();
                GridRun run = new GridRunner(queue, Device.CPU).start(plan,
                        new GridOutputs(dir.resolve("cells"), dir.resolve("grid.json"), dir.resolve("grid.png"), null), e -> { });
                if (!run.await(Duration.ofMinutes(10))) {
                    throw new IllegalStateException("grid did not finish");
                }
                double wall = (System.nanoTime() - start) / 1e6;
                double sum = run.manifest().cells().stream().mapToLong(ManifestCell::totalMillis).sum();
                if (round > 0) { // round 0 warms the JIT
                    System.out.printf(Locale.ROOT, "| %d | %.0f | %.0f | %.3f |%n", round, wall, sum, wall / sum);
                }
            }
        }
    }
}
