package dev.atelier.scheduler;

import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static dev.atelier.scheduler.SchedulerFixtures.assertAllClose;
import static dev.atelier.scheduler.SchedulerFixtures.assertClose;
import static dev.atelier.scheduler.SchedulerFixtures.widen;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** {@link TorchGenerator} against the known torch values in RNG.md (and a few more taken from torch 2.13). */
class TorchGeneratorTest {
    private static final double TOL = 2e-6;

    @Test
    void seedZeroRandn16MatchesTorch() {
        double[] expected = Reference.rng().list("torch.randn(16)` =");
        assertAllClose(expected, widen(new TorchGenerator(0).randn(16)), TOL, "randn(16)");
    }

    @Test
    void seedZeroLatentShapeStartEndAndSum() {
        Reference rng = Reference.rng();
        double[] first16 = rng.list("torch.randn(16)` =");
        double[] tail = rng.from("randn(1,4,64,64)").list("ends with");
        double sum = rng.number("its sum is");
        float[] x = new TorchGenerator(0).randn(4 * 64 * 64);
        assertAllClose(Arrays.copyOf(first16, 8), widen(Arrays.copyOf(x, 8)), TOL, "first 8");
        assertAllClose(tail, widen(Arrays.copyOfRange(x, x.length - 4, x.length)), TOL, "last 4");
        double total = 0;
        for (float v : x) {
            total += v;
        }
        assertClose(sum, total, 1e-5, "sum of 1x4x64x64");
    }

    @Test
    void seed42LargeLatentStart() {
        double[] expected = Reference.rng().list("randn(1,4,128,128)` starts");
        float[] x = new TorchGenerator(42).randn(4 * 128 * 128);
        assertAllClose(expected, widen(Arrays.copyOf(x, expected.length)), TOL, "seed 42");
    }

    @Test
    void shortDrawsUseTheDoublePath() {
        double[] expected = Reference.rng().list("torch.randn(5)` (n<16 path) =");
        assertAllClose(expected, widen(new TorchGenerator(0).randn(5)), 1e-7, "randn(5)");
    }

    @Test
    void randMatchesTorchRand() {
        double[] expected = Reference.rng().list("torch.rand(4)` =");
        assertAllClose(expected, new TorchGenerator(0).rand(4), 1e-9, "rand(4)");
    }

    /** Values printed by torch 2.13: randn(5), randn(3), randn(20), randn(1) from one seed-0 generator. */
    @Test
    void consecutiveCallsContinueTheStreamLikeTorch() {
        TorchGenerator g = new TorchGenerator(0);
        g.randn(5);
        // the 6th normal was cached by the n<16 pair path and comes first
        assertAllClose(new double[] {-1.3985954523086548, 0.40334683656692505, 0.8380263447761536},
                widen(g.randn(3)), TOL, "randn(3) after randn(5)");
        float[] twenty = g.randn(20);
        assertAllClose(new double[] {-1.3526537418365479, -1.6959311962127686, 0.5666506290435791},
                widen(Arrays.copyOf(twenty, 3)), TOL, "randn(20) head");
        assertAllClose(new double[] {-1.2001394033432007, -0.004785737954080105},
                widen(Arrays.copyOfRange(twenty, 18, 20)), TOL, "randn(20) tail (redone block)");
        assertAllClose(new double[] {-1.2904350757598877}, widen(g.randn(1)), TOL, "randn(1) afterwards");
    }

    /** torch 2.13, seed 7, randn(37): 37 % 16 != 0 exercises the "redo the last 16" rule. */
    @Test
    void partialBlockIsRedoneFromFreshUniforms() {
        float[] x = new TorchGenerator(7).randn(37);
        assertAllClose(new double[] {-0.8201345205307007, 0.39563116431236267, 0.8989084959030151},
                widen(Arrays.copyOf(x, 3)), TOL, "head");
        assertAllClose(new double[] {0.39574092626571655, -1.3677396774291992, -0.10073431581258774},
                widen(Arrays.copyOfRange(x, 34, 37)), TOL, "tail");
    }

    @Test
    void sameSeedSameStreamDifferentSeedDifferentStream() {
        assertArrayEquals(new TorchGenerator(123).randn(64), new TorchGenerator(123).randn(64));
        assertNotEquals(new TorchGenerator(123).randn(64)[0], new TorchGenerator(124).randn(64)[0]);
        assertEquals(123L, new TorchGenerator(123).seed());
        assertEquals(0, new TorchGenerator(1).randn(0).length);
        assertThrows(IllegalArgumentException.class, () -> new TorchGenerator(1).randn(-1));
    }

    @Test
    void randDoubleUses53BitUniforms() {
        double[] u = new TorchGenerator(0).randDouble(1000);
        for (double v : u) {
            assertEquals(true, v >= 0 && v < 1, "uniform in [0,1): " + v);
        }
        // torch.rand(4, dtype=float64) after manual_seed(0), from torch 2.13
        assertAllClose(new double[] {0.9700530018065531, 0.707819864399788},
                Arrays.copyOf(new TorchGenerator(0).randDouble(2), 2), 1e-15, "rand float64");
    }
}
