package dev.atelier.onnx;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.ByteBuffer;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The floor that {@code bench --against-bare} compares Atelier with: a guided SD 1.x generation as
 * nothing but its unavoidable {@code session.run} calls — one batch-2 text-encoder call, one batch-2
 * U-Net call per step over pinned input/output tensors, one VAE decode — with a trivial latent update
 * in between. No tokenizer, scheduler, prompt parsing or image conversion: the pixels are noise, the
 * cost is ORT's. Sessions use Atelier's CPU session options so both sides run ORT alike.
 */
public final class BareOrtLoop implements AutoCloseable {
    private static final float SCALING = 0.18215f;
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final OrtEnvironment env;
    private final OrtSession textEncoder;
    private final OrtSession unet;
    private final OrtSession vae;
    /** The last generation's step loop outside {@code run}, in the caller's CPU time, per generation. */
    private double stepsOtherCpuMs = Double.NaN;

    private BareOrtLoop(OrtEnvironment env, OrtSession textEncoder, OrtSession unet, OrtSession vae) {
        this.env = env;
        this.textEncoder = textEncoder;
        this.unet = unet;
        this.vae = vae;
    }

    /** Sessions for {@code root}'s {@code text_encoder}, {@code unet} and {@code vae_decoder} graphs. */
    public static BareOrtLoop open(Path root) {
        OrtEnvironment env = ExecutionProviders.environment(); // the same environment as Atelier: no "change logging level" warning
        OrtSession te = null;
        OrtSession u = null;
        try (OrtSession.SessionOptions options = ExecutionProviders.options(Device.CPU)) {
            te = env.createSession(root.resolve("text_encoder/model.onnx").toString(), options);
            u = env.createSession(root.resolve("unet/model.onnx").toString(), options);
            OrtSession v = env.createSession(root.resolve("vae_decoder/model.onnx").toString(), options);
            return new BareOrtLoop(env, te, u, v);
        } catch (OrtException e) {
            closeQuietly(te);
            closeQuietly(u);
            throw new IllegalStateException(root + ": ONNX Runtime cannot load the graphs ("
                    + OnnxModel.firstLine(e.getMessage()) + ")", e);
        }
    }

    private static void closeQuietly(OrtSession s) {
        if (s != null) {
            try {
                s.close();
            } catch (OrtException ignored) {
                // already failing; the first error is the one to report
            }
        }
    }

    /**
     * One guided generation of {@code latentH × latentW} latents over {@code steps} U-Net calls; returns
     * the decoder's output (NCHW floats) so the work cannot be skipped.
     */
    public float[] generate(int latentH, int latentW, int steps, float guidance, long seed) {
        int n = 4 * latentH * latentW;
        float[] x = new float[n];
        Random random = new Random(seed);
        for (int i = 0; i < n; i++) {
            x[i] = (float) random.nextGaussian();
        }
        try (OnnxTensor ids = idsTensor();
             OrtSession.Result text = textEncoder.run(Map.of("input_ids", ids), Set.of("last_hidden_state"))) {
            OnnxValue hidden = text.get("last_hidden_state").orElseThrow();
            denoise(x, (OnnxTensor) hidden, latentH, latentW, steps, guidance);
        } catch (OrtException e) {
            throw new IllegalStateException("bare ORT loop failed: " + OnnxModel.firstLine(e.getMessage()), e);
        }
        return decode(x, latentH, latentW);
    }

    /**
     * The last generation's CPU time on the calling thread in the step loop outside the U-Net's
     * {@code run}, scaled to the whole generation: the floor under Atelier's "steps other cpu ms" (NaN before two steps ran).
     */
    public double stepsOtherCpuMs() {
        return stepsOtherCpuMs;
    }

    /** Batch 2 of 77 ids: BOS, a few words, EOS padding; int32 or int64 as the graph declares. */
    private OnnxTensor idsTensor() throws OrtException {
        long[] shape = {2, 77};
        boolean int64 = textEncoder.getInputInfo().get("input_ids").getInfo().toString().contains("INT64");
        ByteBuffer b = TensorConversion.direct(2 * 77 * (int64 ? 8 : 4));
        for (int i = 0; i < 2 * 77; i++) {
            int pos = i % 77;
            boolean cond = i >= 77;  // row 0 the empty negative prompt, row 1 five words
            int id = pos == 0 ? 0 : cond && pos < 6 ? 10 + pos : 1;
            if (int64) {
                b.putLong(i * 8, id);
            } else {
                b.putInt(i * 4, id);
            }
        }
        return int64 ? OnnxTensor.createTensor(env, b.asLongBuffer(), shape)
                : OnnxTensor.createTensor(env, b.asIntBuffer(), shape);
    }

    private void denoise(float[] x, OnnxTensor hidden, int h, int w, int steps, float guidance) throws OrtException {
        int n = x.length;
        long[] sampleShape = {2, 4, h, w};
        boolean int64 = unet.getInputInfo().get("timestep").getInfo().toString().contains("INT64");
        ByteBuffer sampleBytes = TensorConversion.direct(2 * n * 4);
        FloatBuffer sample = sampleBytes.asFloatBuffer();
        ByteBuffer tBytes = TensorConversion.direct(2 * 8);
        FloatBuffer out = TensorConversion.direct(2 * n * 4).asFloatBuffer();
        try (OnnxTensor sampleT = OnnxTensor.createTensor(env, sample, sampleShape);
             OnnxTensor tT = int64 ? OnnxTensor.createTensor(env, tBytes.asLongBuffer(), new long[] {2})
                     : OnnxTensor.createTensor(env, tBytes.asFloatBuffer().limit(2), new long[] {2});
             OnnxTensor outT = OnnxTensor.createTensor(env, out, sampleShape)) {
            Map<String, OnnxTensor> feeds = Map.of("sample", sampleT, "timestep", tT, "encoder_hidden_states", hidden);
            String output = unet.getOutputNames().iterator().next();
            Map<String, OnnxTensor> pinned = Map.of(output, outT);
            long firstCpu = 0;
            long inRun = 0;
            for (int s = 0; s < steps; s++) {
                int t = 999 - s * (1000 / steps);
                sample.put(0, x).put(n, x);
                if (int64) {
                    tBytes.putLong(0, t).putLong(8, t);
                } else {
                    tBytes.putFloat(0, t).putFloat(4, t);
                }
                long c0 = THREADS.getCurrentThreadCpuTime();
                try (OrtSession.Result ignored = unet.run(feeds, pinned)) {
                    inRun += s == 0 ? 0 : THREADS.getCurrentThreadCpuTime() - c0;
                    for (int i = 0; i < n; i++) {
                        float u = out.get(i);
                        x[i] -= 0.05f * (u + guidance * (out.get(n + i) - u));
                    }
                }
                // measured as bench measures Atelier's loop: from the end of the first step to the end of the last
                long now = THREADS.getCurrentThreadCpuTime();
                if (s == 0) {
                    firstCpu = now;
                } else if (s == steps - 1) {
                    stepsOtherCpuMs = (now - firstCpu - inRun) / 1e6 / (steps - 1) * steps;
                }
            }
        }
    }

    private float[] decode(float[] x, int h, int w) {
        FloatBuffer z = TensorConversion.direct(x.length * 4).asFloatBuffer();
        for (int i = 0; i < x.length; i++) {
            z.put(i, x[i] / SCALING);
        }
        try (OnnxTensor zT = OnnxTensor.createTensor(env, z, new long[] {1, 4, h, w});
             OrtSession.Result r = vae.run(Map.of("latent_sample", zT), Set.of("sample"))) {
            FloatBuffer img = ((OnnxTensor) r.get("sample").orElseThrow()).getFloatBuffer();
            float[] pixels = new float[img.remaining()];
            img.get(pixels);
            return pixels;
        } catch (OrtException e) {
            throw new IllegalStateException("bare ORT loop failed: " + OnnxModel.firstLine(e.getMessage()), e);
        }
    }

    @Override
    public void close() {
        closeQuietly(textEncoder);
        closeQuietly(unet);
        closeQuietly(vae);
    }
}
