package dev.atelier.onnx;

import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import dev.atelier.files.Quoting;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * Converts Java-side tensors to the element type and rank a graph input declares: float32,
 * float16, bfloat16, float64, int32 or int64, scalar or [n]. All maths stays float32; this is the
 * only place other types exist.
 */
final class TensorConversion {
    private TensorConversion() {
    }

    /** The shape to feed for a declared input: rank-0 and [1] are interchangeable for single values. */
    static long[] adaptShape(TensorSpec declared, Tensor t) {
        long[] shape = t.shape();
        if (declared.rank() == shape.length) {
            return shape;
        }
        if (declared.rank() == 0 && t.size() == 1) {
            return new long[0];
        }
        if (declared.rank() == 1 && shape.length == 0) {
            return new long[] {1};
        }
        throw new IllegalArgumentException("input '" + Quoting.truncate(declared.name()) + "' is declared as " + declared.shapeText()
                + " (rank " + declared.rank() + "), got a tensor of shape " + Arrays.toString(shape));
    }

    static OnnxTensor toOrt(OrtEnvironment env, TensorSpec declared, Tensor t) throws OrtException {
        return toOrt(env, declared, t, TensorConversion::direct);
    }

    /**
     * Converts {@code t} into a buffer from {@code buffers} (native order, at least the requested
     * bytes, position 0); the tensor does not own the buffer, so a caller may reuse it after closing.
     */
    static OnnxTensor toOrt(OrtEnvironment env, TensorSpec declared, Tensor t, IntFunction<ByteBuffer> buffers)
            throws OrtException {
        long[] shape = adaptShape(declared, t);
        int n = t.size();
        return switch (declared.type()) {
            case FLOAT -> {
                ByteBuffer b = buffers.apply(Math.multiplyExact(n, 4));
                var fb = b.asFloatBuffer();
                if (t.isFloat()) {
                    fb.put(0, t.floats()); // bulk copy: the common case, every step
                } else {
                    for (int i = 0; i < n; i++) {
                        fb.put(i, t.longAt(i));
                    }
                }
                yield OnnxTensor.createTensor(env, fb, shape);
            }
            case FLOAT16 -> {
                ByteBuffer b = buffers.apply(Math.multiplyExact(n, 2));
                var sb = b.asShortBuffer();
                short[] half = new short[n];
                for (int i = 0; i < n; i++) {
                    half[i] = Float.floatToFloat16(t.floatAt(i));
                }
                sb.put(0, half);
                yield OnnxTensor.createTensor(env, sb, shape, OnnxJavaType.FLOAT16);
            }
            case BFLOAT16 -> {
                ByteBuffer b = buffers.apply(Math.multiplyExact(n, 2));
                var sb = b.asShortBuffer();
                for (int i = 0; i < n; i++) {
                    sb.put(i, toBfloat16(t.floatAt(i)));
                }
                yield OnnxTensor.createTensor(env, sb, shape, OnnxJavaType.BFLOAT16);
            }
            case DOUBLE -> {
                ByteBuffer b = buffers.apply(Math.multiplyExact(n, 8));
                var db = b.asDoubleBuffer();
                for (int i = 0; i < n; i++) {
                    db.put(i, t.floatAt(i));
                }
                yield OnnxTensor.createTensor(env, db, shape);
            }
            case INT64 -> {
                ByteBuffer b = buffers.apply(Math.multiplyExact(n, 8));
                var lb = b.asLongBuffer();
                for (int i = 0; i < n; i++) {
                    lb.put(i, t.longAt(i));
                }
                yield OnnxTensor.createTensor(env, lb, shape);
            }
            case INT32 -> {
                ByteBuffer b = buffers.apply(Math.multiplyExact(n, 4));
                var ib = b.asIntBuffer();
                for (int i = 0; i < n; i++) {
                    ib.put(i, Math.toIntExact(t.longAt(i)));
                }
                yield OnnxTensor.createTensor(env, ib, shape);
            }
            default -> throw new IllegalArgumentException("input '" + Quoting.truncate(declared.name()) + "' has element type "
                    + declared.type().label() + "; Atelier feeds float32, float16, bfloat16, float64, int32 or int64");
        };
    }

    /** Round-to-nearest-even float32 → bfloat16, as torch does. */
    static short toBfloat16(float f) {
        int bits = Float.floatToRawIntBits(f);
        if (Float.isNaN(f)) {
            return (short) 0x7FC0;
        }
        int rounding = 0x7FFF + ((bits >>> 16) & 1);
        return (short) ((bits + rounding) >>> 16);
    }

    static ByteBuffer direct(int bytes) {
        return ByteBuffer.allocateDirect(bytes).order(ByteOrder.nativeOrder());
    }
}
