package dev.atelier.tokenizer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * "Fast" checks measured in CPU time of the calling thread: the build machine is shared and heavily
 * loaded, so wall time says little, while a quadratic blow-up on 100 000 characters shows either way.
 */
public final class CpuTime {
    private CpuTime() {
    }

    public static <T> T assertFasterThan(double seconds, String what, Supplier<T> work) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        long start = mx.getCurrentThreadCpuTime();
        T result = work.get();
        double used = (mx.getCurrentThreadCpuTime() - start) / 1e9;
        assertTrue(used < seconds, what + " took " + used + " s of CPU, expected < " + seconds + " s");
        return result;
    }
}
