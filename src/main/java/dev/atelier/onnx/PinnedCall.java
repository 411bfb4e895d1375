package dev.atelier.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtException;

import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One graph call repeated with the same shapes (a denoising loop): every per-call input and the
 * output are ORT tensors created once over direct buffers, so a call is a copy into the input
 * buffers, {@code OrtSession.run} writing into the pinned output, and reads from it; no tensor,
 * map or array is created per call. Float inputs take float32; {@link #fill} also serves int32,
 * int64 and float64 inputs (a timestep). Owns its tensors, not the {@link OnnxModel.Prepared} ones.
 */
public final class PinnedCall implements AutoCloseable {
    private final OnnxModel model;
    private final Map<String, OnnxTensor> feeds = new HashMap<>();
    private final Map<String, OnnxTensor> owned = new HashMap<>();
    private final Map<String, ByteBuffer> buffers = new HashMap<>();
    private final Map<String, ElementType> types = new HashMap<>();
    private final Map<String, FloatBuffer> floats = new HashMap<>();
    private final Map<String, OnnxTensor> pinned;
    private final FloatBuffer output;

    private PinnedCall(OnnxModel model, String outputName, long[] outputShape) {
        this.model = model;
        ByteBuffer out = TensorConversion.direct(Math.multiplyExact(Math.toIntExact(count(outputShape)), 4));
        this.output = out.asFloatBuffer();
        try {
            this.pinned = Map.of(outputName, OnnxTensor.createTensor(model.env(), output, outputShape));
        } catch (OrtException e) {
            throw new IllegalStateException(model.file() + ": cannot pin output '" + outputName + "': "
                    + OnnxModel.firstLine(e.getMessage()), e);
        }
    }

    /**
     * Whether {@code model} can run pinned with these inputs: each named input and the output are
     * declared with a supported element type; float16 graphs take the converting path instead.
     */
    public static boolean supports(OnnxModel model, Map<String, long[]> inputShapes, String outputName,
                                   long[] outputShape) {
        TensorSpec out = model.outputs().get(outputName);
        if (out == null || out.type() != ElementType.FLOAT || !fits(out, outputShape)) {
            return false; // a declared shape that cannot hold the output: the unpinned path names the mismatch
        }
        for (String name : inputShapes.keySet()) {
            TensorSpec spec = model.inputs().get(name);
            if (spec == null || !Set.of(ElementType.FLOAT, ElementType.INT64, ElementType.INT32, ElementType.DOUBLE)
                    .contains(spec.type())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Pins {@code inputShapes} (fed each call) plus the {@code constant} inputs and one float output of
     * {@code outputShape}; check {@link #supports} first.
     */
    public static PinnedCall create(OnnxModel model, OnnxModel.Prepared constant, Map<String, long[]> inputShapes,
                                    String outputName, long[] outputShape) {
        PinnedCall call = new PinnedCall(model, outputName, outputShape);
        try {
            call.feeds.putAll(constant.tensors());
            for (Map.Entry<String, long[]> e : inputShapes.entrySet()) {
                call.pinInput(e.getKey(), e.getValue());
            }
            for (String name : model.inputs().keySet()) {
                if (!call.feeds.containsKey(name)) {
                    throw new IllegalArgumentException(model.file() + ": input '" + name + "' was not fed");
                }
            }
            return call;
        } catch (RuntimeException e) {
            call.close();
            throw e;
        }
    }

    private void pinInput(String name, long[] shape) {
        TensorSpec spec = model.inputs().get(name);
        long[] adapted = shape.clone();
        int n = Math.toIntExact(count(shape));
        ElementType type = spec.type();
        int width = type == ElementType.INT64 || type == ElementType.DOUBLE ? 8 : 4;
        ByteBuffer b = TensorConversion.direct(Math.multiplyExact(n, width));
        try {
            OnnxTensor t = switch (type) {
                case FLOAT -> OnnxTensor.createTensor(model.env(), b.asFloatBuffer(), adapted);
                case INT64 -> OnnxTensor.createTensor(model.env(), b.asLongBuffer(), adapted);
                case INT32 -> OnnxTensor.createTensor(model.env(), b.asIntBuffer(), adapted);
                case DOUBLE -> OnnxTensor.createTensor(model.env(), b.asDoubleBuffer(), adapted);
                default -> throw new IllegalArgumentException("input '" + name + "' of type " + type.label()
                        + " cannot be pinned");
            };
            owned.put(name, t);
            feeds.put(name, t);
            buffers.put(name, b);
            types.put(name, type);
            if (type == ElementType.FLOAT) {
                floats.put(name, b.asFloatBuffer());
            }
        } catch (OrtException e) {
            throw new IllegalStateException(model.file() + ": cannot pin input '" + name + "': "
                    + OnnxModel.firstLine(e.getMessage()), e);
        }
    }

    private static boolean fits(TensorSpec declared, long[] shape) {
        if (declared.rank() != shape.length) {
            return false;
        }
        for (int i = 0; i < shape.length; i++) {
            if (!declared.isDynamic(i) && declared.dim(i) != shape[i]) {
                return false;
            }
        }
        return true;
    }

    private static long count(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** Copies {@code src} into float input {@code name} starting at element {@code offset}. */
    public void write(String name, float[] src, int offset) {
        FloatBuffer f = floats.get(name);
        if (f == null) {
            throw new IllegalArgumentException("input '" + name + "' is not a pinned float32 input");
        }
        f.put(offset, src);
    }

    /** Sets every element of input {@code name} to {@code value}, in the input's declared type. */
    public void fill(String name, double value) {
        ByteBuffer b = buffers.get(name);
        if (b == null) {
            throw new IllegalArgumentException("input '" + name + "' is not pinned");
        }
        switch (types.get(name)) {
            case FLOAT -> {
                FloatBuffer f = floats.get(name); // the view made at pin time: no buffer object per call
                for (int i = 0; i < f.capacity(); i++) {
                    f.put(i, (float) value);
                }
            }
            case INT64 -> {
                var l = b.asLongBuffer();
                for (int i = 0; i < l.capacity(); i++) {
                    l.put(i, (long) value);
                }
            }
            case INT32 -> {
                var v = b.asIntBuffer();
                for (int i = 0; i < v.capacity(); i++) {
                    v.put(i, (int) value);
                }
            }
            case DOUBLE -> {
                var d = b.asDoubleBuffer();
                for (int i = 0; i < d.capacity(); i++) {
                    d.put(i, value);
                }
            }
            default -> throw new IllegalStateException("unpinnable type");
        }
    }

    /** Runs the graph; the result is in {@link #output()} until the next run. */
    public void run() {
        model.runPinned(feeds, pinned, false);
    }

    /** As {@link #run()}, then the session's CPU arena hands its free memory back (the last call of a loop). */
    public void runReleasing() {
        model.runPinned(feeds, pinned, true);
    }

    /** The pinned output, element 0 at index 0 (absolute reads; do not keep past the next run). */
    public FloatBuffer output() {
        return output;
    }

    @Override
    public void close() {
        owned.values().forEach(OnnxTensor::close);
        owned.clear();
        pinned.values().forEach(OnnxTensor::close);
    }
}
