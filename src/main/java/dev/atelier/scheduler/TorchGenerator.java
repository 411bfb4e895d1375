package dev.atelier.scheduler;

/**
 * torch's CPU generator: mt19937 plus torch's Box–Muller variants, so that
 * {@code randn(n)} equals {@code torch.randn(n, generator=torch.Generator("cpu").manual_seed(seed))}
 * and consecutive calls continue the stream exactly as torch does.
 *
 * <p>torch uses two normal paths (ATen {@code normal_fill} / {@code normal_distribution<double>}):
 * n &ge; 16 fills 24-bit float uniforms and transforms blocks of 16, redoing the last 16 with fresh
 * uniforms when n is not a multiple of 16; n &lt; 16 draws 53-bit double pairs and caches the
 * second (sine) value for the next draw. Not thread-safe: one generator per generation.
 */
public final class TorchGenerator implements NoiseSource {
    private static final int N = 624;
    private static final int M = 397;
    private static final float TWO_PI_F = (float) (2.0 * Math.PI);

    private final long seed;
    private final int[] mt = new int[N];
    private int index;
    private boolean hasCachedNormal;
    private double cachedNormal;

    /** Seeds like {@code torch.Generator("cpu").manual_seed(seed)} (the low 32 bits seed mt19937). */
    public TorchGenerator(long seed) {
        this.seed = seed;
        mt[0] = (int) seed;
        for (int i = 1; i < N; i++) {
            mt[i] = 1812433253 * (mt[i - 1] ^ (mt[i - 1] >>> 30)) + i;
        }
        index = N;
    }

    public long seed() {
        return seed;
    }

    /** {@code torch.randn(n)} as float32, continuing the stream. */
    @Override
    public float[] randn(int n) {
        if (n < 0) {
            throw new IllegalArgumentException("randn needs a non-negative count, got " + n);
        }
        float[] out = new float[n];
        if (n >= 16) {
            fillNormal16(out);
        } else {
            for (int i = 0; i < n; i++) {
                out[i] = (float) nextDoubleNormal();
            }
        }
        return out;
    }

    /** {@code torch.rand(n)} (default float32 dtype: 24-bit uniforms in [0,1)), widened to double. */
    public double[] rand(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = nextFloatUniform();
        }
        return out;
    }

    /** {@code torch.rand(n, dtype=torch.float64)}: 53-bit uniforms in [0,1). */
    public double[] randDouble(int n) {
        double[] out = new double[n];
        for (int i = 0; i < n; i++) {
            out[i] = nextDoubleUniform();
        }
        return out;
    }

    private void fillNormal16(float[] data) {
        int size = data.length;
        for (int i = 0; i < size; i++) {
            data[i] = nextFloatUniform();
        }
        for (int i = 0; i + 16 <= size; i += 16) {
            boxMuller16(data, i);
        }
        if (size % 16 != 0) {
            // torch recomputes the last 16 values from fresh uniforms
            int start = size - 16;
            for (int i = 0; i < 16; i++) {
                data[start + i] = nextFloatUniform();
            }
            boxMuller16(data, start);
        }
    }

    private static void boxMuller16(float[] data, int offset) {
        for (int j = 0; j < 8; j++) {
            float u1 = 1f - data[offset + j];
            float u2 = data[offset + j + 8];
            float radius = (float) Math.sqrt(-2f * (float) Math.log(u1));
            float theta = TWO_PI_F * u2;
            data[offset + j] = radius * (float) Math.cos(theta);
            data[offset + j + 8] = radius * (float) Math.sin(theta);
        }
    }

    private double nextDoubleNormal() {
        if (hasCachedNormal) {
            hasCachedNormal = false;
            return cachedNormal;
        }
        double u1 = nextDoubleUniform();
        double u2 = nextDoubleUniform();
        double r = Math.sqrt(-2.0 * Math.log1p(-u2));
        double theta = 2.0 * Math.PI * u1;
        cachedNormal = r * Math.sin(theta);
        hasCachedNormal = true;
        return r * Math.cos(theta);
    }

    private float nextFloatUniform() {
        return (nextInt() & 0xFFFFFF) * 0x1.0p-24f;
    }

    private double nextDoubleUniform() {
        long hi = nextInt() & 0xFFFFFFFFL;
        long lo = nextInt() & 0xFFFFFFFFL;
        long bits = ((hi << 32) | lo) & ((1L << 53) - 1);
        return bits * 0x1.0p-53;
    }

    /** One tempered mt19937 output (as an unsigned 32-bit pattern in an int). */
    private int nextInt() {
        if (index >= N) {
            twist();
        }
        int y = mt[index++];
        y ^= y >>> 11;
        y ^= (y << 7) & 0x9d2c5680;
        y ^= (y << 15) & 0xefc60000;
        y ^= y >>> 18;
        return y;
    }

    private void twist() {
        for (int i = 0; i < N; i++) {
            int y = (mt[i] & 0x80000000) | (mt[(i + 1) % N] & 0x7fffffff);
            int next = mt[(i + M) % N] ^ (y >>> 1);
            if ((y & 1) != 0) {
                next ^= 0x9908b0df;
            }
            mt[i] = next;
        }
        index = 0;
    }
}
