package dev.atelier.cli;

import dev.atelier.onnx.BareOrtLoop;
import dev.atelier.onnx.Component;
import dev.atelier.onnx.OnnxModel;
import dev.atelier.onnx.Device;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.pipeline.CancelFlag;
import dev.atelier.pipeline.DiffusionPipeline;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.pipeline.GenerationResult;
import dev.atelier.pipeline.StepListener;
import dev.atelier.pipeline.StepState;
import dev.atelier.pipeline.Timings;

import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * {@code bench --against-bare}: Atelier's pipeline and {@link BareOrtLoop} in one JVM, one pair of
 * generations at a time in a shuffled order (seeded), so machine drift hits both sides alike; prints
 * per size the medians and the paired ratios (Atelier / bare) of wall time and of process CPU time
 * (all threads, ORT's included). Each Atelier run gets its own prompt so the conditioning cache
 * does not skip the text encoder the bare loop must run.
 */
final class PairedBench {
    /** One size's result: medians in ms and the paired ratios' median, min and max. */
    record SizeResult(int size, int pairs, double atelierMs, double bareMs, double[] wallRatios, double atelierCpuMs,
               double bareCpuMs, double[] cpuRatios, double otherMs, double stepsOtherMs,
               double stepsOtherCpuMs, double bareStepsOtherCpuMs) {
    }

    private final ModelFolder folder;
    private final Device device;
    private final int steps;
    private final int pairs;
    private final int warmup;
    private final String prompt;

    PairedBench(ModelFolder folder, Device device, int steps, int pairs, int warmup, String prompt) {
        this.folder = folder;
        this.device = device;
        this.steps = steps;
        this.pairs = pairs;
        this.warmup = warmup;
        this.prompt = prompt;
    }

    List<SizeResult> run(int[] sizes, PrintWriter progress) {
        List<SizeResult> rows = new ArrayList<>();
        try (DiffusionPipeline pipeline = new DiffusionPipeline(folder, device);
             BareOrtLoop bare = BareOrtLoop.open(folder.root())) {
            for (int size : sizes) {
                SizeResult row = measure(pipeline, bare, size, progress);
                rows.add(row);
                print(progress, List.of(row)); // each size as soon as it is done: 512² runs are long
            }
        }
        return rows;
    }

    /** The bare loop alone, one generation per size: the floor of a whole {@code generate} process. */
    void bareOnce(int[] sizes, PrintWriter out) {
        int factor = folder.geometry().vaeScaleFactor();
        try (BareOrtLoop bare = BareOrtLoop.open(folder.root())) {
            for (int size : sizes) {
                long t0 = System.nanoTime();
                bare.generate(size / factor, size / factor, steps, 7.5f, 1);
                out.printf(Locale.ROOT, "bare %dx%d: %.0f ms%n", size, size, (System.nanoTime() - t0) / 1e6);
            }
        }
        out.flush();
    }

    private SizeResult measure(DiffusionPipeline pipeline, BareOrtLoop bare, int size, PrintWriter progress) {
        int factor = folder.geometry().vaeScaleFactor();
        GenerationRequest base = GenerationRequest.of(prompt).withSize(size, size).withSteps(steps);
        float guidance = (float) base.guidance();
        for (int i = 0; i < warmup; i++) {
            pipeline.generate(base.withPrompt(prompt + " warm" + i), StepListener.NONE, new CancelFlag());
            bare.generate(size / factor, size / factor, steps, guidance, i);
        }
        Random order = new Random(size);
        double[] aWall = new double[pairs];
        double[] bWall = new double[pairs];
        double[] aCpu = new double[pairs];
        double[] bCpu = new double[pairs];
        double[] other = new double[pairs];
        double[] stepsOther = new double[pairs];
        double[] stepsOtherCpu = new double[pairs];
        double[] bareStepsOtherCpu = new double[pairs];
        for (int p = 0; p < pairs; p++) {
            boolean atelierFirst = order.nextBoolean();
            for (int side = 0; side < 2; side++) {
                boolean atelier = (side == 0) == atelierFirst;
                long cpu0 = processCpuNanos();
                long t0 = System.nanoTime();
                if (atelier) {
                    StepCpu stepCpu = new StepCpu(pipeline.sessions().model(Component.UNET));
                    GenerationResult r = pipeline.generate(base.withPrompt(prompt + " " + p).withSeed(p),
                            stepCpu, new CancelFlag());
                    stepsOtherCpu[p] = stepCpu.otherMsPerGeneration();
                    Timings t = r.timings();
                    other[p] = t.otherNanos() / 1e6;
                    long s = 0;
                    for (int k = 0; k < t.stepNanos().length; k++) {
                        s += t.stepNanos()[k] - t.stepOrtNanos()[k];
                    }
                    stepsOther[p] = s / 1e6;
                } else {
                    bare.generate(size / factor, size / factor, steps, guidance, p);
                    bareStepsOtherCpu[p] = bare.stepsOtherCpuMs();
                }
                double wall = (System.nanoTime() - t0) / 1e6;
                double cpu = (processCpuNanos() - cpu0) / 1e6;
                (atelier ? aWall : bWall)[p] = wall;
                (atelier ? aCpu : bCpu)[p] = cpu;
            }
            progress.printf(Locale.ROOT, "  %dx%d pair %d: atelier %.0f ms (cpu %.0f), bare %.0f ms (cpu %.0f)%n",
                    size, size, p + 1, aWall[p], aCpu[p], bWall[p], bCpu[p]);
            progress.flush();
        }
        return new SizeResult(size, pairs, median(aWall), median(bWall), ratios(aWall, bWall), median(aCpu), median(bCpu),
                ratios(aCpu, bCpu), median(other), median(stepsOther), median(stepsOtherCpu),
                median(bareStepsOtherCpu));
    }

    /**
     * The generating thread's CPU time between the first and the last step, less its CPU time inside
     * the U-Net's {@code run}: the per-step work outside ORT (scheduler, CFG, tensor copies, this
     * listener's own step state), scaled to a whole generation. CPU time, so a busy machine's
     * preemption does not count.
     */
    private static final class StepCpu implements StepListener {
        private static final java.lang.management.ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
        private final OnnxModel unet;
        private long firstCpu;
        private long firstOrt;
        private long lastCpu;
        private long lastOrt;
        private int steps;
        private int total;

        StepCpu(OnnxModel unet) {
            this.unet = unet;
        }

        @Override
        public boolean wantsPreview() {
            return false;
        }

        @Override
        public void onStep(StepState state) {
            long cpu = THREADS.getCurrentThreadCpuTime();
            long ort = unet.runThreadCpuNanos();
            if (steps++ == 0) {
                firstCpu = cpu;
                firstOrt = ort;
            }
            lastCpu = cpu;
            lastOrt = ort;
            total = state.total();
        }

        double otherMsPerGeneration() {
            if (steps < 2) {
                return Double.NaN;
            }
            double perStep = ((lastCpu - firstCpu) - (lastOrt - firstOrt)) / 1e6 / (steps - 1);
            return perStep * total;
        }
    }

    /** CPU time of every thread of this process (ORT's pool included), not just the caller's. */
    static long processCpuNanos() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static double[] ratios(double[] a, double[] b) {
        double[] r = new double[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = a[i] / b[i];
        }
        return r;
    }

    static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        int n = v.length;
        return n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
    }

    static void print(PrintWriter out, List<SizeResult> rows) {
        out.println("size     pairs  atelier ms  bare ms  wall ratio (min-max)   atelier cpu ms  bare cpu ms"
                + "  cpu ratio (min-max)   other ms  steps other ms  steps other cpu ms  bare steps other cpu ms");
        for (SizeResult r : rows) {
            out.printf(Locale.ROOT, "%-8s %5d %11.0f %8.0f  %5.3f (%5.3f-%5.3f) %16.0f %12.0f  %5.3f (%5.3f-%5.3f) %9.2f %15.3f %19.3f %24.3f%n",
                    r.size() + "x" + r.size(), r.pairs(), r.atelierMs(), r.bareMs(), median(r.wallRatios()),
                    min(r.wallRatios()), max(r.wallRatios()), r.atelierCpuMs(), r.bareCpuMs(), median(r.cpuRatios()),
                    min(r.cpuRatios()), max(r.cpuRatios()), r.otherMs(), r.stepsOtherMs(), r.stepsOtherCpuMs(),
                    r.bareStepsOtherCpuMs());
        }
        out.flush();
    }

    private static double min(double[] v) {
        return Arrays.stream(v).min().orElse(Double.NaN);
    }

    private static double max(double[] v) {
        return Arrays.stream(v).max().orElse(Double.NaN);
    }
}
