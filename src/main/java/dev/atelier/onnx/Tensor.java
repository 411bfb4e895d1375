package dev.atelier.onnx;

import java.util.Arrays;
import java.util.Objects;

/**
 * A dense tensor on the Java side of the ORT boundary: float32 or integer data plus a shape.
 * {@link OnnxModel} converts it to whatever element type and rank the graph declares.
 *
 * @param shape  dimensions (empty for a scalar)
 * @param floats float32 data, or {@code null} for integer data
 * @param longs  integer data, or {@code null} for float data
 */
public record Tensor(long[] shape, float[] floats, long[] longs) {
    public Tensor {
        Objects.requireNonNull(shape, "shape");
        if ((floats == null) == (longs == null)) {
            throw new IllegalArgumentException("a tensor holds either float or integer data");
        }
        long n = elementCount(shape);
        int length = floats != null ? floats.length : longs.length;
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " elements, got " + length);
        }
        shape = shape.clone();
    }

    public static Tensor of(float[] data, long... shape) {
        return new Tensor(shape, data, null);
    }

    public static Tensor ofLongs(long[] data, long... shape) {
        return new Tensor(shape, null, data);
    }

    public static Tensor ofInts(int[] data, long... shape) {
        return new Tensor(shape, null, Arrays.stream(data).asLongStream().toArray());
    }

    /** A rank-0 float tensor. */
    public static Tensor scalar(float value) {
        return new Tensor(new long[0], new float[] {value}, null);
    }

    public boolean isFloat() {
        return floats != null;
    }

    public int size() {
        return floats != null ? floats.length : longs.length;
    }

    /** Element {@code i} as a float (integers are converted). */
    public float floatAt(int i) {
        return floats != null ? floats[i] : (float) longs[i];
    }

    /** Element {@code i} as an integer; floats truncate toward zero like numpy's {@code astype}. */
    public long longAt(int i) {
        return floats != null ? (long) floats[i] : longs[i];
    }

    @Override
    public long[] shape() {
        return shape.clone();
    }

    public long dim(int i) {
        return shape[i];
    }

    public int rank() {
        return shape.length;
    }

    static long elementCount(long[] shape) {
        long n = 1;
        for (long d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && Arrays.equals(t.shape, shape) && Arrays.equals(t.floats, floats)
                && Arrays.equals(t.longs, longs);
    }

    @Override
    public int hashCode() {
        return Objects.hash(Arrays.hashCode(shape), Arrays.hashCode(floats), Arrays.hashCode(longs));
    }

    @Override
    public String toString() {
        return (isFloat() ? "float" : "int") + Arrays.toString(shape);
    }
}
