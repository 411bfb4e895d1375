package dev.atelier.prompt;

import dev.atelier.tokenizer.ClipTokenizer;
import dev.atelier.tokenizer.Token;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * A1111's {@code sd_hijack_clip.tokenize_line}: each parsed fragment is tokenized on its own, tokens
 * fill 75-token chunks, a full chunk moves the text after a comma within {@code commaBacktrack}
 * tokens to the next chunk, {@code BREAK} starts a new chunk; each chunk becomes bos + 75 + eos
 * (padded with eos), and everything after the first eos is replaced by the tokenizer's pad id.
 * One chunker per tokenizer (SDXL: one per text encoder; both give the same chunking, only pad differs).
 */
public final class PromptChunker {
    public static final int DEFAULT_COMMA_BACKTRACK = 20;

    private final ClipTokenizer tokenizer;
    private final int commaBacktrack;
    private final int chunkLength;
    private final int commaId;

    public PromptChunker(ClipTokenizer tokenizer) {
        this(tokenizer, DEFAULT_COMMA_BACKTRACK);
    }

    /** {@code commaBacktrack} 0 disables the comma rule (A1111 option "comma_padding_backtrack", 0–74). */
    public PromptChunker(ClipTokenizer tokenizer, int commaBacktrack) {
        this.tokenizer = Objects.requireNonNull(tokenizer, "tokenizer");
        this.chunkLength = tokenizer.maxLength() - 2;
        if (commaBacktrack < 0 || commaBacktrack >= chunkLength) {
            throw new IllegalArgumentException("comma backtrack must be 0.." + (chunkLength - 1) + ", got " + commaBacktrack);
        }
        this.commaBacktrack = commaBacktrack;
        this.commaId = tokenizer.tokenId(",</w>").orElse(-1);
    }

    public ClipTokenizer tokenizer() {
        return tokenizer;
    }

    /** Tokens per chunk between bos and eos (75). */
    public int chunkLength() {
        return chunkLength;
    }

    public ChunkedPrompt chunk(String prompt) {
        return layout(prompt, Emphasis.ORIGINAL).chunked();
    }

    /** With {@link Emphasis#NONE} the prompt is not parsed at all (brackets and BREAK are text), as in A1111. */
    public ChunkedPrompt chunk(String prompt, Emphasis emphasis) {
        return layout(prompt, emphasis).chunked();
    }

    public PromptLayout layout(String prompt) {
        return layout(prompt, Emphasis.ORIGINAL);
    }

    public PromptLayout layout(String prompt, Emphasis emphasis) {
        Objects.requireNonNull(prompt, "prompt");
        List<SourcedFragment> fragments = emphasis == Emphasis.NONE
                ? PromptParser.literal(prompt) : PromptParser.parseWithSources(prompt);
        Run run = new Run();
        for (SourcedFragment f : fragments) {
            if (f.fragment().isBreak()) {
                run.nextChunk(false);
                continue;
            }
            for (Token t : tokenizer.tokenize(f.fragment().text())) {
                int[] range = f.promptRange(t.start(), t.end(), prompt.length());
                run.add(new Token(t.id(), t.text(), range[0], range[1]), f.fragment().weight());
            }
        }
        if (!run.chunk.isEmpty() || run.chunks.isEmpty()) {
            run.nextChunk(true);
        }
        return new PromptLayout(new ChunkedPrompt(run.chunks), run.placed, run.tokenCount);
    }

    /** The chunk of the empty prompt (bos, eos, pad…), used to pad the shorter of cond/uncond. */
    public TokenChunk emptyChunk() {
        return chunk("", Emphasis.NONE).chunks().getFirst();
    }

    /** Pads the shorter prompt with {@link #emptyChunk()}s (A1111 "pad_cond_uncond"). */
    public CondUncond pair(ChunkedPrompt cond, ChunkedPrompt uncond) {
        int count = Math.max(cond.size(), uncond.size());
        TokenChunk empty = emptyChunk();
        return new CondUncond(cond.padTo(count, empty), uncond.padTo(count, empty));
    }

    /** Mutable state of one tokenize_line call. */
    private final class Run {
        private record WeightedToken(Token token, float weight, int sequenceIndex) {
        }

        final List<TokenChunk> chunks = new ArrayList<>();
        final List<PlacedToken> placed = new ArrayList<>();
        List<WeightedToken> chunk = new ArrayList<>();
        int lastComma = -1;
        int tokenCount;
        int sequence;

        void add(Token token, float weight) {
            if (token.id() == commaId) {
                lastComma = chunk.size();
            } else if (commaBacktrack != 0 && chunk.size() == chunkLength && lastComma != -1
                    && chunk.size() - lastComma <= commaBacktrack) {
                int breakLocation = lastComma + 1;
                List<WeightedToken> relocated = new ArrayList<>(chunk.subList(breakLocation, chunk.size()));
                chunk = new ArrayList<>(chunk.subList(0, breakLocation));
                nextChunk(false);
                chunk = relocated;
            }
            if (chunk.size() == chunkLength) {
                nextChunk(false);
            }
            chunk.add(new WeightedToken(token, weight, sequence++));
        }

        void nextChunk(boolean isLast) {
            tokenCount += isLast ? chunk.size() : chunkLength;
            int length = chunkLength + 2;
            int[] ids = new int[length];
            float[] weights = new float[length];
            Arrays.fill(ids, tokenizer.eosId());
            Arrays.fill(weights, 1f);
            ids[0] = tokenizer.bosId();
            for (int i = 0; i < chunk.size(); i++) {
                WeightedToken e = chunk.get(i);
                ids[i + 1] = e.token().id();
                weights[i + 1] = e.weight();
                placed.add(new PlacedToken(e.token(), e.weight(), chunks.size(), i + 1, e.sequenceIndex()));
            }
            padAfterFirstEos(ids);
            chunks.add(new TokenChunk(ids, weights));
            chunk = new ArrayList<>();
            lastComma = -1;
        }

        /** A1111 process_tokens: for a pad id other than eos, everything after the first eos becomes pad. */
        private void padAfterFirstEos(int[] ids) {
            for (int i = 0; i < ids.length; i++) {
                if (ids[i] == tokenizer.eosId()) {
                    Arrays.fill(ids, i + 1, ids.length, tokenizer.padId());
                    return;
                }
            }
        }
    }
}
