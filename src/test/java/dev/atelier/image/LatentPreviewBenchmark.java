package dev.atelier.image;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.OptionsBuilder;

import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * Cost of one live-preview frame ({@link LatentPreview#render}) for SD-sized latents. Not a test:
 * run {@code main} with the test classpath, e.g.
 * {@code java -cp target/test-classes:target/classes:<deps> dev.atelier.image.LatentPreviewBenchmark}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class LatentPreviewBenchmark {
    /** Latent side: 16 (128² image) and 64 (512² image); 4 channels. */
    @Param({"16", "64"})
    public int size;

    private final LatentPreview preview = LatentPreview.sdxl();
    private float[] latents;
    private byte[] reused;

    @Setup
    public void setUp() {
        Random random = new Random(42);
        latents = new float[4 * size * size];
        for (int i = 0; i < latents.length; i++) {
            latents[i] = (float) random.nextGaussian();
        }
        reused = new byte[size * size * 3];
    }

    @Benchmark
    public PixelImage render() {
        return preview.render(latents, 4, size, size);
    }

    @Benchmark
    public byte[] renderInto() {
        preview.renderInto(latents, 4, size, size, reused);
        return reused;
    }

    public static void main(String[] args) throws RunnerException {
        new Runner(new OptionsBuilder().include(LatentPreviewBenchmark.class.getSimpleName()).build()).run();
    }
}
