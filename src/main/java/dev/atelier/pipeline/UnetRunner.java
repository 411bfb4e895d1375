package dev.atelier.pipeline;

import dev.atelier.onnx.ModelFolderException;
import dev.atelier.onnx.OnnxModel;
import dev.atelier.onnx.PinnedCall;
import dev.atelier.onnx.Tensor;
import dev.atelier.onnx.TensorSpec;

import java.nio.FloatBuffer;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * One guided U-Net evaluation per step. With CFG, uncond and cond go through one batch-2 call when
 * the graph's batch axis is dynamic and the memory plan allows it (two batch-1 calls otherwise, half
 * the activations) and are combined as diffusers does: {@code u + g·(c − u)}. Inputs are matched by
 * their documented names only.
 */
final class UnetRunner implements AutoCloseable {
    private final OnnxModel unet;
    private final Conditioning text;
    private final float guidance;
    private final int channels;
    private final int height;
    private final int width;
    private final boolean batched;
    private final String output;
    private final float[] timeIds;
    private final float[] timestepCond;
    /** Text conditioning converted once: [uncond; cond] batched, or cond (and uncond) alone. */
    private final OnnxModel.Prepared first;
    private final OnnxModel.Prepared second;
    /** The same calls over pinned, reused tensors (null when the graph's types need conversion). */
    private PinnedCall pinnedFirst;
    private PinnedCall pinnedSecond;

    /** {@code splitCfg}: run the CFG halves as two batch-1 calls (the memory plan's choice; see {@link MemoryPlan}). */
    UnetRunner(OnnxModel unet, Conditioning text, float guidance, boolean splitCfg, int channels, int height, int width,
               float[] timeIds, float[] timestepCond) {
        this.unet = unet;
        this.text = text;
        this.guidance = guidance;
        this.channels = channels;
        this.height = height;
        this.width = width;
        this.timeIds = timeIds;
        this.timestepCond = timestepCond;
        TensorSpec sample = input("sample");
        // -Datelier.unet.splitCfg=true forces the split whatever the plan says (to measure it)
        boolean split = (splitCfg || Boolean.getBoolean(SPLIT_CFG_PROPERTY)) && (sample.isDynamic(0) || sample.dim(0) == 1);
        this.batched = text.guided() && !split && (sample.isDynamic(0) || sample.dim(0) == 2);
        this.output = unet.outputNames().get(0);  // the session's own declaration order
        TensorSpec ehs = input("encoder_hidden_states");
        if (ehs.rank() == 3 && !ehs.isDynamic(1) && ehs.dim(1) != text.sequence()) {
            throw new IllegalArgumentException("the prompt needs " + text.sequence() + " tokens ("
                    + text.sequence() / 77 + " chunks of 77) but this model's U-Net takes exactly " + ehs.dim(1)
                    + "; shorten the prompt or remove BREAK");
        }
        if (!text.guided()) {
            first = conditioning(1, text.cond(), text.pooled());
            second = null;
        } else if (batched) {
            first = conditioning(2, concat(text.uncond(), text.cond()), concatOrNull(text.pooledUncond(), text.pooled()));
            second = null;
        } else {
            first = conditioning(1, text.uncond(), text.pooledUncond());
            OnnxModel.Prepared cond;
            try {
                cond = conditioning(1, text.cond(), text.pooled());
            } catch (RuntimeException e) {
                first.close();
                throw e;
            }
            second = cond;
        }
        pin();
    }

    /** Forces the memory lever "CFG halves as two batch-1 U-Net calls" on (see docs/PERFORMANCE.md). */
    static final String SPLIT_CFG_PROPERTY = "atelier.unet.splitCfg";

    private void pin() {
        int batch = batched ? 2 : 1;
        TensorSpec ts = input("timestep");
        long[] tShape = ts.rank() == 0 ? new long[0] : new long[] {ts.isDynamic(0) ? batch : ts.dim(0)};
        Map<String, long[]> shapes = Map.of("sample", new long[] {batch, channels, height, width}, "timestep", tShape);
        if (!PinnedCall.supports(unet, shapes, output, shapes.get("sample"))) {
            return;
        }
        try {
            pinnedFirst = PinnedCall.create(unet, first, shapes, output, shapes.get("sample"));
            if (second != null) {
                pinnedSecond = PinnedCall.create(unet, second, shapes, output, shapes.get("sample"));
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    /** Whether uncond and cond share one batch-2 call. */
    boolean batched() {
        return batched;
    }

    private float[] predictPinned(float[] scaled, double t, boolean release) {
        int n = scaled.length;
        if (!text.guided()) {
            FloatBuffer out = callPinned(pinnedFirst, scaled, t, false, release);
            float[] eps = new float[n];
            out.get(0, eps);
            return eps;
        }
        if (batched) {
            FloatBuffer out = callPinned(pinnedFirst, scaled, t, true, release);
            return combine(out, 0, out, n, n);
        }
        return combine(callPinned(pinnedFirst, scaled, t, false, false), 0,
                callPinned(pinnedSecond, scaled, t, false, release), 0, n);
    }

    private static FloatBuffer callPinned(PinnedCall call, float[] sample, double t, boolean twice, boolean release) {
        call.write("sample", sample, 0);
        if (twice) {
            call.write("sample", sample, sample.length);
        }
        call.fill("timestep", (float) t);
        if (release) {
            call.runReleasing();
        } else {
            call.run();
        }
        return call.output();
    }

    private float[] combine(FloatBuffer u, int uOff, FloatBuffer c, int cOff, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            float uv = u.get(uOff + i);
            out[i] = uv + guidance * (c.get(cOff + i) - uv);
        }
        return out;
    }

    private OnnxModel.Prepared conditioning(int batch, float[] hidden, float[] pooled) {
        Map<String, Tensor> feeds = new HashMap<>();
        feeds.put("encoder_hidden_states", Tensor.of(hidden, batch, text.sequence(), text.width()));
        if (unet.input("text_embeds").isPresent()) {
            feeds.put("text_embeds", Tensor.of(pooled, batch, pooled.length / batch));
            feeds.put("time_ids", Tensor.of(repeat(timeIds, batch), batch, timeIds.length));
        }
        if (unet.input("timestep_cond").isPresent()) {
            feeds.put("timestep_cond", Tensor.of(repeat(timestepCond, batch), batch, timestepCond.length));
        }
        return unet.prepare(feeds);
    }

    private TensorSpec input(String name) {
        return unet.input(name).orElseThrow(() -> new IllegalStateException(unet.file() + ": no input '" + name + "'"));
    }

    /** The guided model output for {@code scaled} latents at timestep {@code t}. */
    float[] predict(float[] scaled, double t) {
        return predict(scaled, t, false);
    }

    /**
     * As {@link #predict(float[], double)}; with {@code release} (the last step) the U-Net's arena
     * hands its free memory back afterwards, so the decode does not stack on top of it.
     */
    float[] predict(float[] scaled, double t, boolean release) {
        if (pinnedFirst != null) {
            return predictPinned(scaled, t, release);
        }
        if (!text.guided()) {
            return call(scaled, t, 1, first, release);
        }
        if (batched) {
            float[] out = call(concat(scaled, scaled), t, 2, first, release);
            int n = scaled.length;
            return combine(out, 0, out, n, n);
        }
        float[] u = call(scaled, t, 1, first, false);
        float[] c = call(scaled, t, 1, second, release);
        return combine(u, 0, c, 0, scaled.length);
    }

    private float[] combine(float[] u, int uOff, float[] c, int cOff, int n) {
        float[] out = new float[n];
        for (int i = 0; i < n; i++) {
            float uv = u[uOff + i];
            out[i] = uv + guidance * (c[cOff + i] - uv);
        }
        return out;
    }

    private float[] call(float[] sample, double t, int batch, OnnxModel.Prepared conditioning, boolean release) {
        Map<String, Tensor> feeds = Map.of("sample", Tensor.of(sample, batch, channels, height, width),
                "timestep", timestep(t, batch));
        float[] out = unet.run(conditioning, feeds, Set.of(output), release).get(output).floats();
        if (out.length != sample.length) {
            throw new ModelFolderException(unet.file(), "output '" + output + "' has " + out.length + " values; expected "
                    + sample.length + " (the sample's shape " + batch + "x" + channels + "x" + height + "x" + width + ")");
        }
        return out;
    }

    @Override
    public void close() {
        if (pinnedFirst != null) {
            pinnedFirst.close();
        }
        if (pinnedSecond != null) {
            pinnedSecond.close();
        }
        first.close();
        if (second != null) {
            second.close();
        }
    }

    /** Rank 0 → scalar; rank 1 → one value per batch row (or the declared fixed length). */
    private Tensor timestep(double t, int batch) {
        TensorSpec spec = input("timestep");
        float value = (float) t;
        if (spec.rank() == 0) {
            return Tensor.scalar(value);
        }
        int n = spec.isDynamic(0) ? batch : (int) spec.dim(0);
        float[] v = new float[n];
        java.util.Arrays.fill(v, value);
        return Tensor.of(v, n);
    }

    private static float[] repeat(float[] row, int times) {
        float[] out = new float[row.length * times];
        for (int i = 0; i < times; i++) {
            System.arraycopy(row, 0, out, i * row.length, row.length);
        }
        return out;
    }

    private static float[] concat(float[] a, float[] b) {
        float[] out = new float[a.length + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static float[] concatOrNull(float[] a, float[] b) {
        return a == null || b == null ? null : concat(a, b);
    }
}
