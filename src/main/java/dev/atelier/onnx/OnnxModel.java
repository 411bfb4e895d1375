package dev.atelier.onnx;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;

/**
 * One ORT session and its declared inputs. {@link #run} converts float/int tensors to each
 * input's declared element type and rank and returns float32 outputs; it owns every ORT object it
 * creates. Time spent inside {@code OrtSession.run} is accumulated in {@link #runNanos()}.
 */
public final class OnnxModel implements AutoCloseable {
    private final OrtEnvironment env;
    private final OrtSession session;
    private final Path file;
    private final Map<String, TensorSpec> inputs;
    private final Map<String, TensorSpec> outputs;
    private final AtomicLong runNanos = new AtomicLong();
    /** CPU time of the calling thread inside {@code run} (ORT computes on it too); see {@link #runThreadCpuNanos}. */
    private final AtomicLong runCpuNanos = new AtomicLong();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    /** Per-input direct buffers reused by every run (allocateDirect costs more than the copy). */
    private final Map<String, ByteBuffer> scratch = new HashMap<>();
    /** Run options that hand the CPU arena's free regions back to the OS after the run; made on first use. */
    private OrtSession.RunOptions releasing;

    OnnxModel(OrtEnvironment env, OrtSession session, Path file) throws OrtException {
        this.env = env;
        this.session = session;
        this.file = file;
        this.inputs = specs(session.getInputInfo());
        this.outputs = specs(session.getOutputInfo());
    }

    private static Map<String, TensorSpec> specs(Map<String, NodeInfo> infos) {
        Map<String, TensorSpec> out = new LinkedHashMap<>();
        for (NodeInfo node : infos.values()) {
            if (node.getInfo() instanceof TensorInfo ti) {
                out.put(node.getName(), new TensorSpec(node.getName(), elementType(ti), ti.getShape(),
                        ti.getDimensionNames()));
            } else {
                out.put(node.getName(), new TensorSpec(node.getName(), ElementType.OTHER, new long[0]));
            }
        }
        return java.util.Collections.unmodifiableMap(out);
    }

    private static ElementType elementType(TensorInfo ti) {
        return switch (ti.type) {
            case FLOAT -> ElementType.FLOAT;
            case FLOAT16 -> ElementType.FLOAT16;
            case BFLOAT16 -> ElementType.BFLOAT16;
            case DOUBLE -> ElementType.DOUBLE;
            case INT32 -> ElementType.INT32;
            case INT64 -> ElementType.INT64;
            case INT8 -> ElementType.INT8;
            case UINT8 -> ElementType.UINT8;
            case BOOL -> ElementType.BOOL;
            default -> ElementType.OTHER;
        };
    }

    /** The ONNX file this session was created from. */
    public Path file() {
        return file;
    }

    /** Declared inputs as ORT reports them. */
    public Map<String, TensorSpec> inputs() {
        return inputs;
    }

    public Map<String, TensorSpec> outputs() {
        return outputs;
    }

    public Optional<TensorSpec> input(String name) {
        return Optional.ofNullable(inputs.get(name));
    }

    /**
     * CPU nanoseconds the calling threads spent inside {@code OrtSession.run}: subtracted from a
     * thread's CPU time it leaves the work done outside ORT, unaffected by preemption on a busy machine.
     */
    public long runThreadCpuNanos() {
        return runCpuNanos.get();
    }

    /** Total nanoseconds spent inside {@code OrtSession.run} by this model. */
    public long runNanos() {
        return runNanos.get();
    }

    /**
     * Runs the graph. Every declared input must be fed; {@code wanted} names the outputs to return
     * (empty = all). Outputs come back as float32 (float16 is widened).
     */
    public Map<String, Tensor> run(Map<String, Tensor> feeds) {
        return run(feeds, Set.of());
    }

    /** As {@link #run(Map)}, returning only the {@code wanted} outputs (empty = all). */
    public Map<String, Tensor> run(Map<String, Tensor> feeds, Set<String> wanted) {
        try (Prepared none = prepare(Map.of())) {
            return run(none, feeds, wanted);
        }
    }

    /**
     * As {@link #run(Map, Set)}, with some inputs already converted: the inputs that stay the same
     * for a whole generation (text conditioning) are converted once, not every step.
     */
    public Map<String, Tensor> run(Prepared constant, Map<String, Tensor> feeds, Set<String> wanted) {
        return run(constant, feeds, wanted, false);
    }

    /**
     * As {@link #run(Prepared, Map, Set)}; with {@code releaseArena} the session's CPU arena returns its
     * free memory to the OS after this run (the next run grows it again; pixels are unaffected).
     */
    public synchronized Map<String, Tensor> run(Prepared constant, Map<String, Tensor> feeds, Set<String> wanted,
                                                boolean releaseArena) {
        for (String name : inputs.keySet()) {
            if (!feeds.containsKey(name) && !constant.tensors.containsKey(name)) {
                throw new IllegalArgumentException(file + ": input '" + name + "' was not fed");
            }
        }
        Map<String, OnnxTensor> ort = new HashMap<>(constant.tensors);
        Map<String, OnnxTensor> created = new HashMap<>();
        try {
            for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
                String name = e.getKey();
                OnnxTensor t = convert(name, e.getValue(), bytes -> scratch(name, bytes));
                created.put(name, t);
                ort.put(e.getKey(), t);
            }
            Set<String> names = wanted.isEmpty() ? outputs.keySet() : wanted;
            long start = System.nanoTime();
            long cpu = THREADS.getCurrentThreadCpuTime();
            try (OrtSession.Result result = session.run(ort, names, Map.of(), runOptions(releaseArena))) {
                runNanos.addAndGet(System.nanoTime() - start);
                runCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
                return readOutputs(result, names);
            }
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": ONNX Runtime failed: " + firstLine(e.getMessage()), e);
        } finally {
            created.values().forEach(OnnxTensor::close);
        }
    }

    /** {@link PinnedCall#run}: ORT writes into the pinned outputs; timed like {@link #run}. */
    synchronized void runPinned(Map<String, OnnxTensor> feeds, Map<String, OnnxTensor> pinned, boolean releaseArena) {
        long start = System.nanoTime();
        long cpu = THREADS.getCurrentThreadCpuTime();
        try (OrtSession.Result ignored = session.run(feeds, Set.of(), pinned, runOptions(releaseArena))) {
            runNanos.addAndGet(System.nanoTime() - start);
            runCpuNanos.addAndGet(THREADS.getCurrentThreadCpuTime() - cpu);
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": ONNX Runtime failed: " + firstLine(e.getMessage()), e);
        }
    }

    OrtEnvironment env() {
        return env;
    }

    /**
     * Null (ORT's defaults) unless {@code releaseArena} and the session has a CPU arena: ORT refuses
     * to shrink an allocator that is not an arena.
     */
    private OrtSession.RunOptions runOptions(boolean releaseArena) throws OrtException {
        if (!releaseArena || !ExecutionProviders.arenaEnabled()) {
            return null;
        }
        if (releasing == null) {
            OrtSession.RunOptions options = new OrtSession.RunOptions();
            try {
                options.addRunConfigEntry(ExecutionProviders.ARENA_SHRINKAGE_KEY, "cpu:0");
            } catch (OrtException e) {
                options.close();
                throw e;
            }
            releasing = options;
        }
        return releasing;
    }

    /** Converts inputs once for reuse across {@link #run(Prepared, Map, Set)} calls; close it after. */
    public Prepared prepare(Map<String, Tensor> feeds) {
        Prepared p = new Prepared();
        try {
            for (Map.Entry<String, Tensor> e : feeds.entrySet()) {
                p.tensors.put(e.getKey(), convert(e.getKey(), e.getValue(), TensorConversion::direct));
            }
            return p;
        } catch (OrtException e) {
            p.close();
            throw new IllegalStateException(file + ": ONNX Runtime failed: " + firstLine(e.getMessage()), e);
        } catch (RuntimeException e) {
            p.close();
            throw e;
        }
    }

    private OnnxTensor convert(String name, Tensor value, IntFunction<ByteBuffer> buffers) throws OrtException {
        TensorSpec spec = inputs.get(name);
        if (spec == null) {
            throw new IllegalArgumentException(file + ": the graph has no input '" + name
                    + "'; it declares " + inputs.keySet());
        }
        return TensorConversion.toOrt(env, spec, value, buffers);
    }

    private ByteBuffer scratch(String name, int bytes) {
        ByteBuffer b = scratch.get(name);
        if (b == null || b.capacity() < bytes) {
            b = TensorConversion.direct(bytes);
            scratch.put(name, b);
        }
        return b.clear().limit(bytes).slice().order(java.nio.ByteOrder.nativeOrder());
    }

    /** ORT tensors converted ahead of time; owns them. */
    public static final class Prepared implements AutoCloseable {
        private final Map<String, OnnxTensor> tensors = new HashMap<>();

        Map<String, OnnxTensor> tensors() {
            return tensors;
        }

        @Override
        public void close() {
            tensors.values().forEach(OnnxTensor::close);
            tensors.clear();
        }
    }

    private Map<String, Tensor> readOutputs(OrtSession.Result result, Set<String> names) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (String name : names) {
            OnnxValue value = result.get(name).orElseThrow(
                    () -> new IllegalStateException(file + ": output '" + name + "' missing from the result"));
            if (!(value instanceof OnnxTensor t)) {
                throw new IllegalStateException(file + ": output '" + name + "' is not a tensor");
            }
            FloatBuffer fb = t.getFloatBuffer();
            if (fb == null) {
                throw new IllegalStateException(file + ": output '" + name + "' has element type "
                        + t.getInfo().type + "; expected a floating-point tensor");
            }
            float[] data = new float[fb.remaining()];
            fb.get(data);
            out.put(name, Tensor.of(data, t.getInfo().getShape()));
        }
        return out;
    }

    /** The output names in declaration order (ORT keeps the graph's order). */
    public List<String> outputNames() {
        return new ArrayList<>(session.getOutputNames());
    }

    static String firstLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        int nl = message.indexOf('\n');
        return (nl < 0 ? message : message.substring(0, nl)).strip();
    }

    @Override
    public synchronized void close() {
        if (releasing != null) {
            releasing.close();
            releasing = null;
        }
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException(file + ": closing the ORT session failed", e);
        }
    }
}
