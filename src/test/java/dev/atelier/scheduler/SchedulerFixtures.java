package dev.atelier.scheduler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** diffusers' deterministic scheduler-test fixtures ({@code tests/schedulers/test_schedulers.py}). */
final class SchedulerFixtures {
    static final int B = 4;
    static final int C = 3;
    static final int H = 8;
    static final int W = 8;
    static final int N = B * C * H * W;

    private SchedulerFixtures() {
    }

    /** {@code arange(768).reshape(3,8,8,4)/768} permuted to (4,3,8,8), flattened NCHW. */
    static float[] dummySampleDeter() {
        return deter(false);
    }

    /** The same with {@code arange(768).flip(-1)}: value {@code (767-k)/768}. */
    static float[] dummyNoiseDeter() {
        return deter(true);
    }

    private static float[] deter(boolean flipped) {
        float[] x = new float[N];
        for (int b = 0; b < B; b++) {
            for (int c = 0; c < C; c++) {
                for (int h = 0; h < H; h++) {
                    for (int w = 0; w < W; w++) {
                        int k = ((c * H + h) * W + w) * B + b;
                        int value = flipped ? N - 1 - k : k;
                        x[((b * C + c) * H + h) * W + w] = (float) value / (float) N;
                    }
                }
            }
        }
        return x;
    }

    /** {@code model(sample, t) = sample * t / (t + 1)} with t cast to float32. */
    static float[] dummyModel(float[] sample, double timestep) {
        float t = (float) timestep;
        float[] out = new float[sample.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = sample[i] * t / (t + 1f);
        }
        return out;
    }

    static double sumAbs(float[] x) {
        double s = 0;
        for (float v : x) {
            s += Math.abs(v);
        }
        return s;
    }

    static double meanAbs(float[] x) {
        return sumAbs(x) / x.length;
    }

    static float[] times(float[] x, float factor) {
        float[] out = new float[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i] * factor;
        }
        return out;
    }

    /** |actual - expected| ≤ rel·max(1,|expected|). */
    static void assertClose(double expected, double actual, double rel, String what) {
        double tol = rel * Math.max(1, Math.abs(expected));
        assertTrue(Math.abs(actual - expected) <= tol,
                what + ": expected " + expected + " but got " + actual + " (tolerance " + tol + ")");
    }

    static void assertAllClose(double[] expected, double[] actual, double rel, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], rel, what + "[" + i + "]");
        }
    }

    static double[] widen(float[] x) {
        double[] out = new double[x.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = x[i];
        }
        return out;
    }
}
