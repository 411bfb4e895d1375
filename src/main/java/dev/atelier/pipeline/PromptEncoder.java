package dev.atelier.pipeline;

import dev.atelier.onnx.Component;
import dev.atelier.onnx.HiddenStates;
import dev.atelier.onnx.ModelFolder;
import dev.atelier.onnx.ModelSessions;
import dev.atelier.onnx.OnnxModel;
import dev.atelier.onnx.Tensor;
import dev.atelier.prompt.ChunkedPrompt;
import dev.atelier.prompt.Emphasis;
import dev.atelier.prompt.PromptChunker;
import dev.atelier.prompt.TokenChunk;
import dev.atelier.tokenizer.ClipTokenizer;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Prompt → U-Net conditioning with A1111 chunking and emphasis: every 77-token chunk is encoded
 * on its own and the results are concatenated on the sequence axis; the negative side is padded
 * with empty-prompt chunks to the same length. SDXL concatenates both encoders' penultimate
 * hidden states and takes the pooled embeds of encoder 2's first chunk.
 */
final class PromptEncoder implements AutoCloseable {
    private final ModelFolder folder;
    private final ClipTokenizer tokenizer;
    private final ClipTokenizer tokenizer2;
    private final PromptChunker chunker;
    private final PromptChunker chunker2;
    /** Each tokenizer's empty-prompt chunk, the filler of the shorter side; tokenized once per encoder. */
    private final TokenChunk emptyChunk;
    private final TokenChunk emptyChunk2;
    /**
     * Recent encodings: seed sweeps, batches and grids re-use their prompts, and the encoders are
     * deterministic. Keyed by the sessions too, so a reloaded model never sees stale entries.
     */
    private final Map<ConditioningKey, Conditioning> recent = new java.util.LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<ConditioningKey, Conditioning> eldest) {
            return size() > RECENT_LIMIT;
        }
    };
    private static final int RECENT_LIMIT = 32;
    private long encoded;

    private record ConditioningKey(ModelSessions sessions, String prompt, String negative, boolean guided, Emphasis emphasis) {
    }

    PromptEncoder(ModelFolder folder) {
        this.folder = folder;
        this.tokenizer = ClipTokenizer.load(folder.dir(Component.TOKENIZER));
        boolean xl = folder.usesXlConditioning();
        this.tokenizer2 = xl ? ClipTokenizer.load(folder.dir(Component.TOKENIZER_2)) : null;
        this.chunker = new PromptChunker(tokenizer);
        this.chunker2 = xl ? new PromptChunker(tokenizer2) : null;
        this.emptyChunk = chunker.emptyChunk();
        this.emptyChunk2 = xl ? chunker2.emptyChunk() : null;
    }

    /** Encodes {@code prompt} and, when {@code guided}, the negative prompt ({@code null} = absent). */
    synchronized Conditioning encode(ModelSessions sessions, String prompt, String negative, boolean guided,
                                     Emphasis emphasis) {
        ConditioningKey key = new ConditioningKey(sessions, prompt, negative, guided, emphasis);
        Conditioning c = recent.get(key);
        if (c == null) {
            c = encodeUncached(sessions, prompt, negative, guided, emphasis);
            recent.put(key, c);
            encoded++;
        }
        return c;
    }

    /** Prompt pairs actually run through the encoders so far. */
    synchronized long encodedCount() {
        return encoded;
    }

    private Conditioning encodeUncached(ModelSessions sessions, String prompt, String negative, boolean guided,
                                        Emphasis emphasis) {
        boolean xl = chunker2 != null;
        PaddedPair pair = paddedPair(prompt, guided ? (negative == null ? "" : negative) : null, emphasis);
        Encoded p = encodeAll(sessions, pair.cond(), emphasis);
        if (!guided) {
            return new Conditioning(p.hidden, null, p.sequence, p.width, p.pooled, null);
        }
        if (xl && negative == null && folder.forceZerosForEmptyPrompt()) {
            // diffusers: an absent negative prompt gives zeros; an empty string is encoded
            return new Conditioning(p.hidden, new float[p.hidden.length], p.sequence, p.width, p.pooled,
                    new float[p.pooled.length]);
        }
        Encoded n = encodeAll(sessions, pair.uncond(), emphasis);
        return new Conditioning(p.hidden, n.hidden, p.sequence, p.width, p.pooled, n.pooled);
    }

    /**
     * The encoder inputs of both sides: one chunked prompt per tokenizer (1, or 2 for SDXL), all with
     * the same chunk count. {@code uncond} is {@code null} without a negative side.
     */
    record PaddedPair(List<ChunkedPrompt> cond, List<ChunkedPrompt> uncond) {
    }

    /**
     * Chunks {@code prompt} and {@code negative} ({@code null} = unguided) and pads the shorter side with
     * its tokenizer's empty-prompt chunk (A1111 pad_cond_uncond).
     */
    PaddedPair paddedPair(String prompt, String negative, Emphasis emphasis) {
        List<ChunkedPrompt> cond = chunks("prompt", prompt, emphasis);
        if (negative == null) {
            return new PaddedPair(cond, null);
        }
        List<ChunkedPrompt> uncond = chunks("negative prompt", negative, emphasis);
        int count = Math.max(cond.getFirst().size(), uncond.getFirst().size());
        return new PaddedPair(padTo(cond, count), padTo(uncond, count));
    }

    /**
     * One chunked prompt per tokenizer, aligned to the same count. The length caps of
     * {@link GenerationLimits} are checked first, so encoding memory stays bounded.
     */
    private List<ChunkedPrompt> chunks(String name, String text, Emphasis emphasis) {
        GenerationLimits.promptProblem(name, text).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        ChunkedPrompt first = chunker.chunk(text, emphasis);
        GenerationLimits.chunksProblem(name, first.size()).ifPresent(p -> {
            throw new IllegalArgumentException(p);
        });
        if (chunker2 == null) {
            return List.of(first);
        }
        ChunkedPrompt second = chunker2.chunk(text, emphasis);
        return padTo(List.of(first, second), Math.max(first.size(), second.size()));
    }

    /** Each tokenizer's prompt padded with that tokenizer's empty-prompt chunk up to {@code count}. */
    private List<ChunkedPrompt> padTo(List<ChunkedPrompt> perTokenizer, int count) {
        List<ChunkedPrompt> out = new ArrayList<>(perTokenizer.size());
        for (int t = 0; t < perTokenizer.size(); t++) {
            out.add(perTokenizer.get(t).padTo(count, t == 0 ? emptyChunk : emptyChunk2));
        }
        return out;
    }

    private record Encoded(float[] hidden, int sequence, int width, float[] pooled) {
    }

    private Encoded encodeAll(ModelSessions sessions, List<ChunkedPrompt> prompts, Emphasis emphasis) {
        boolean xl = chunker2 != null;
        List<float[]> parts = new ArrayList<>();
        float[] pooled = null;
        int width = 0;
        int tokens = 0;
        for (int i = 0; i < prompts.getFirst().size(); i++) {
            TokenChunk c1 = prompts.getFirst().chunks().get(i);
            float[] h;
            if (!xl) {
                Tensor out = run(sessions.model(Component.TEXT_ENCODER), c1, "last_hidden_state").get("last_hidden_state");
                h = weighted(out, c1, emphasis);
                width = (int) out.dim(out.rank() - 1);
            } else {
                OnnxModel e1 = sessions.model(Component.TEXT_ENCODER);
                OnnxModel e2 = sessions.model(Component.TEXT_ENCODER_2);
                String name1 = penultimate(Component.TEXT_ENCODER);
                String name2 = penultimate(Component.TEXT_ENCODER_2);
                Tensor h1 = run(e1, c1, name1).get(name1);
                TokenChunk c2 = prompts.get(1).chunks().get(i);
                Map<String, Tensor> out2 = run(e2, c2, name2, "text_embeds");
                Tensor h2 = out2.get(name2);
                int w1 = (int) h1.dim(h1.rank() - 1);
                int w2 = (int) h2.dim(h2.rank() - 1);
                h = concatLastAxis(weighted(h1, c1, emphasis), w1, weighted(h2, c2, emphasis), w2);
                width = w1 + w2;
                if (i == 0) {
                    pooled = out2.get("text_embeds").floats();
                }
            }
            tokens += c1.length();
            parts.add(h);
        }
        float[] all = new float[tokens * width];
        int at = 0;
        for (float[] p : parts) {
            System.arraycopy(p, 0, all, at, p.length);
            at += p.length;
        }
        return new Encoded(all, tokens, width, pooled);
    }

    private String penultimate(Component c) {
        return HiddenStates.penultimate(folder.signature(c)).orElseThrow();
    }

    private static Map<String, Tensor> run(OnnxModel encoder, TokenChunk chunk, String... outputs) {
        int[] ids = chunk.ids();
        return encoder.run(Map.of("input_ids", Tensor.ofInts(ids, 1, ids.length)), Set.of(outputs));
    }

    private static float[] weighted(Tensor hidden, TokenChunk chunk, Emphasis emphasis) {
        float[] h = hidden.floats();
        if (chunk.unweighted()) {
            return h; // every emphasis mode is the identity here; skip the mean restoration's rounding
        }
        int tokens = chunk.length();
        emphasis.apply(h, tokens, h.length / tokens, chunk.weights());
        return h;
    }

    static float[] concatLastAxis(float[] a, int wa, float[] b, int wb) {
        int rows = a.length / wa;
        float[] out = new float[rows * (wa + wb)];
        for (int r = 0; r < rows; r++) {
            System.arraycopy(a, r * wa, out, r * (wa + wb), wa);
            System.arraycopy(b, r * wb, out, r * (wa + wb) + wa, wb);
        }
        return out;
    }

    @Override
    public void close() {
        tokenizer.close();
        if (tokenizer2 != null) {
            tokenizer2.close();
        }
    }
}
