package dev.atelier.tokenizer;

import com.sun.management.ThreadMXBean;

import java.lang.management.ManagementFactory;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Stays linear" checks without a clock: the work a text routine does is counted as the bytes its
 * thread allocates (tokens, fragments, substrings, lists), which a quadratic or exponential algorithm
 * multiplies with the input while a linear one scales it. Input sizes {@code n} and {@code 10·n} are
 * compared after a warm-up of both, so the JIT's escape analysis has settled; linear growth reads
 * about 10×, quadratic about 100×. The DJL tokenizer's BPE runs in native code, which the JVM does
 * not count: there the check covers the Java side (normalisation, offsets, token objects). Timing of the
 * same inputs lives in {@link TextScalingBenchmark}.
 */
public final class WorkGrowth {
    /** Ten times the input may cost at most this many times the allocation (linear ≈ 10, quadratic ≈ 100). */
    static final double MAX_GROWTH = 30;

    private WorkGrowth() {
    }

    /**
     * Runs {@code work} on {@code small} and {@code large} (about 10× as long) and asserts that the
     * bytes allocated grew at most {@link #MAX_GROWTH}× ; returns the result for {@code large}.
     */
    public static <T, R> R assertLinear(String what, T small, T large, Function<T, R> work) {
        ThreadMXBean mx = (ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 3; i++) {
            work.apply(small);
        }
        work.apply(large);
        long s0 = mx.getCurrentThreadAllocatedBytes();
        work.apply(small);
        long smallBytes = mx.getCurrentThreadAllocatedBytes() - s0;
        long l0 = mx.getCurrentThreadAllocatedBytes();
        R result = work.apply(large);
        long largeBytes = mx.getCurrentThreadAllocatedBytes() - l0;
        double growth = (double) largeBytes / Math.max(1, smallBytes);
        assertTrue(growth <= MAX_GROWTH, what + ": 10x the input allocated " + String.format("%.1f", growth)
                + "x the memory (" + smallBytes + " -> " + largeBytes + " bytes); expected linear work, at most "
                + MAX_GROWTH + "x");
        return result;
    }
}
