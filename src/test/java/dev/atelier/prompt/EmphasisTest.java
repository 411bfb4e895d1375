package dev.atelier.prompt;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import dev.atelier.tokenizer.ClipTokenizer;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.nio.FloatBuffer;
import java.nio.IntBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

class EmphasisTest {
    private static final Path SD15 = Path.of("src", "test", "resources", "fixtures", "sd15");
    private static final int TOKENS = 77;

    /** A deterministic stand-in for encoder output, with a clearly non-zero mean. */
    private static float[] synthetic(int width) {
        float[] h = new float[TOKENS * width];
        for (int i = 0; i < h.length; i++) {
            h[i] = (float) (0.3 + Math.sin(i * 0.37) + 0.5 * Math.cos(i * 0.011));
        }
        return h;
    }

    private static float[] weights(int... emphasised) {
        float[] w = new float[TOKENS];
        Arrays.fill(w, 1f);
        for (int t : emphasised) {
            w[t] = t % 2 == 0 ? 1.5f : 0.5f;
        }
        return w;
    }

    private static double mean(float[] values) {
        double sum = 0;
        for (float v : values) {
            sum += v;
        }
        return sum / values.length;
    }

    /** Checks result = original · weight[t] · c for one constant c, and returns c. */
    private static double assertScaledPerToken(float[] original, float[] result, float[] weights, int width) {
        double c = Double.NaN;
        for (int t = 0; t < TOKENS; t++) {
            for (int i = 0; i < width; i++) {
                double expected = original[t * width + i] * weights[t];
                if (Math.abs(expected) > 1e-3) {
                    double ratio = result[t * width + i] / expected;
                    if (Double.isNaN(c)) {
                        c = ratio;
                    }
                    assertEquals(c, ratio, 1e-4 * Math.abs(c), "token " + t + " dim " + i);
                }
            }
        }
        return c;
    }

    @Test
    void originalRestoresTheMeanOfSyntheticStates() {
        int width = 16;
        float[] original = synthetic(width);
        float[] w = weights(3, 4, 10);
        float[] h = original.clone();
        Emphasis.ORIGINAL.apply(h, TOKENS, width, w);
        assertEquals(mean(original), mean(h), 1e-6 * Math.abs(mean(original)));
        assertFalse(Arrays.equals(original, h));
        double c = assertScaledPerToken(original, h, w, width);
        assertFalse(Math.abs(c - 1) < 1e-6, "the mean restoration rescales everything");

        float[] noNorm = original.clone();
        Emphasis.NO_NORM.apply(noNorm, TOKENS, width, w);
        assertEquals(1.0, assertScaledPerToken(original, noNorm, w, width), 1e-6, "no-norm only multiplies");
        assertEquals(original[3 * width] * 0.5f, noNorm[3 * width]);
    }

    @Test
    void unitWeightsAndNoneChangeNothing() {
        float[] original = synthetic(8);
        float[] h = original.clone();
        Emphasis.ORIGINAL.apply(h, TOKENS, 8, weights());
        assertArrayEquals(original, h, 0f);
        Emphasis.NONE.apply(h, TOKENS, 8, weights(5, 6));
        assertArrayEquals(original, h, 0f);
    }

    @Test
    void shapesAreValidated() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Emphasis.ORIGINAL.apply(new float[10], TOKENS, 8, weights()));
        assertEquals("hidden states of 77 tokens × 8 values expected, got 10 values", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Emphasis.NO_NORM.apply(new float[TOKENS * 8], TOKENS, 8, new float[3]));
    }

    /** The fixture's real (tiny) CLIP text encoder: chunk ids in, last_hidden_state (77 × width) out. */
    private static float[] encode(OrtEnvironment env, OrtSession session, int[] ids) throws OrtException {
        NodeInfo input = session.getInputInfo().values().iterator().next();
        boolean int64 = ((TensorInfo) input.getInfo()).type == OnnxJavaType.INT64;
        long[] shape = {1, ids.length};
        try (OnnxTensor tensor = int64
                ? OnnxTensor.createTensor(env, LongBuffer.wrap(Arrays.stream(ids).asLongStream().toArray()), shape)
                : OnnxTensor.createTensor(env, IntBuffer.wrap(ids), shape);
             OrtSession.Result result = session.run(Map.of(input.getName(), tensor))) {
            OnnxTensor hidden = (OnnxTensor) result.get("last_hidden_state").orElseGet(() -> result.get(0));
            FloatBuffer buffer = hidden.getFloatBuffer();
            float[] out = new float[buffer.remaining()];
            buffer.get(out);
            return out;
        }
    }

    @Test
    void originalKeepsTheMeanOfARealEncoderOutput() throws OrtException {
        Path model = SD15.resolve("text_encoder").resolve("model.onnx");
        Assumptions.assumeTrue(Files.exists(model), "fixture text encoder absent");
        try (ClipTokenizer tokenizer = ClipTokenizer.load(SD15.resolve("tokenizer"))) {
            TokenChunk chunk = new PromptChunker(tokenizer).chunk("a (red:1.5) circle on a [blue] background").chunks().getFirst();
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            try (OrtSession.SessionOptions options = new OrtSession.SessionOptions();
                 OrtSession session = env.createSession(model.toString(), options)) {
                float[] original = encode(env, session, chunk.ids());
                int width = original.length / TOKENS;
                float[] h = original.clone();
                Emphasis.ORIGINAL.apply(h, TOKENS, width, chunk.weights());
                assertFalse(Arrays.equals(original, h), "emphasis changes the conditioning");
                assertEquals(mean(original), mean(h), 1e-5 * Math.max(1e-3, Math.abs(mean(original))), "mean restored");
                assertScaledPerToken(original, h, chunk.weights(), width);

                float[] plain = encode(env, session, new PromptChunker(tokenizer).chunk("a red circle on a blue background").chunks().getFirst().ids());
                assertArrayEquals(original, plain, 0f, "weights never reach the encoder input: same ids, same output");
            }
        }
    }
}
