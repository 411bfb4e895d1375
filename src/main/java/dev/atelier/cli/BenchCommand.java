package dev.atelier.cli;

import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.DiffusionPipeline;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.GenerationResult;
import dev.atelier.pipeline.Stage;
import dev.atelier.pipeline.StepListener;
import dev.atelier.pipeline.Timings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code bench}: per-step wall time split into time inside ORT {@code run} and everything else,
 * without and with previews (a listener that takes each step's preview), after warm-up runs.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Measure per-step time inside ONNX Runtime vs everything else, with and without previews.")
final class BenchCommand implements Callable<Integer> {
    @Mixin
    ModelOptions modelOptions = new ModelOptions();
    @Option(names = "--prompt", paramLabel = "TEXT", defaultValue = "a large red circle on a blue background, centered")
    String prompt;
    @Option(names = "--steps", paramLabel = "N", description = "Steps per run (default: the model's).")
    Integer steps;
    @Option(names = "--runs", paramLabel = "N", defaultValue = "5", description = "Measured runs per mode (default ${DEFAULT-VALUE}).")
    int runs;
    @Option(names = "--warmup", paramLabel = "N", defaultValue = "2", description = "Unmeasured runs first (default ${DEFAULT-VALUE}).")
    int warmup;

    @Spec
    CommandSpec spec;

    /**
     * Aggregated timings of one mode: per-step means, the median of the per-step "other" time (robust
     * to a busy machine), and per-generation means.
     */
    record Summary(String mode, int runs, int steps, double stepMs, double stepOrtMs, double medianOtherMs,
                   double previewUs, double totalMs, double totalOrtMs, double medianTotalOtherPercent,
                   Map<Stage, double[]> stages) {
        double stepOtherMs() {
            return stepMs - stepOrtMs;
        }

        double stepOtherPercent() {
            return 100 * stepOtherMs() / stepMs;
        }

        double totalOtherPercent() {
            return 100 * (totalMs - totalOrtMs) / totalMs;
        }
    }

    @Override
    public Integer call() {
        if (runs < 1 || warmup < 0) {
            throw new UsageException("--runs must be at least 1 and --warmup at least 0");
        }
        ModelFolder folder = modelOptions.folder();
        GenerationRequest request = SamplingOptions.fixed(1, steps).request(prompt, folder);
        PrintWriter out = spec.commandLine().getOut();
        List<Summary> results = new ArrayList<>();
        String provider;
        try (DiffusionPipeline pipeline = new DiffusionPipeline(folder, modelOptions.device())) {
            provider = pipeline.sessions().provider().used().name();
            StepListener previews = state -> {
                if (state.preview() == null) {
                    throw new IllegalStateException("no preview rendered");
                }
            };
            for (int round = 0; round < 2; round++) { // interleave modes so drift hits both alike
                results.add(measure(pipeline, request, StepListener.NONE, "no previews"));
                results.add(measure(pipeline, request, previews, "previews"));
            }
        }
        out.printf(Locale.ROOT, "model %s (%s), %d steps, %dx%d, %s, %d runs x 2 rounds after %d warm-up%n",
                folder.name(), folder.family().label(), request.steps(), request.width(), request.height(), provider,
                runs, warmup);
        out.println("mode          step ms   ORT ms  other ms  other %  median other ms  preview us   total ms"
                + "  total other %  median total other %");
        for (Summary s : results) {
            out.printf(Locale.ROOT, "%-12s %8.3f %8.3f %9.4f %7.2f%% %16.4f %11.1f %10.2f %13.2f%% %20.2f%%%n", s.mode(),
                    s.stepMs(), s.stepOrtMs(), s.stepOtherMs(), s.stepOtherPercent(), s.medianOtherMs(), s.previewUs(),
                    s.totalMs(), s.totalOtherPercent(), s.medianTotalOtherPercent());
        }
        out.println("per stage, last round (wall ms / ORT ms):");
        for (Summary s : results.subList(results.size() - 2, results.size())) {
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %-12s", s.mode()));
            s.stages().forEach((stage, v) -> line.append(String.format(Locale.ROOT, "  %s %.2f / %.2f",
                    stage.label(), v[0], v[1])));
            out.println(line);
        }
        out.flush();
        return 0;
    }

    private Summary measure(DiffusionPipeline pipeline, GenerationRequest request, StepListener listener, String mode) {
        for (int i = 0; i < warmup; i++) {
            pipeline.generate(request, listener, new CancelFlag());
        }
        long step = 0;
        long stepOrt = 0;
        long total = 0;
        long totalOrt = 0;
        long preview = 0;
        int count = 0;
        Map<Stage, double[]> stages = new EnumMap<>(Stage.class);
        List<Long> others = new ArrayList<>();
        List<Double> totalOthers = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            GenerationResult r = pipeline.generate(request, listener, new CancelFlag());
            Timings t = r.timings();
            for (int k = 0; k < t.stepNanos().length; k++) {
                step += t.stepNanos()[k];
                stepOrt += t.stepOrtNanos()[k];
                others.add(t.stepNanos()[k] - t.stepOrtNanos()[k]);
                count++;
            }
            for (Stage stage : Stage.values()) {
                double[] v = stages.computeIfAbsent(stage, k -> new double[2]);
                v[0] += t.stage(stage) / 1e6 / runs;
                v[1] += t.stageOrt(stage) / 1e6 / runs;
            }
            totalOthers.add(100.0 * t.otherNanos() / t.totalNanos());
            total += t.totalNanos();
            preview += t.previewNanos();
            totalOrt += t.ortNanos();
        }
        others.sort(null);
        totalOthers.sort(null);
        return new Summary(mode, runs, count / runs, step / 1e6 / count, stepOrt / 1e6 / count,
                others.get(others.size() / 2) / 1e6, preview / 1e3 / count, total / 1e6 / runs, totalOrt / 1e6 / runs,
                totalOthers.get(totalOthers.size() / 2), stages);
    }
}
