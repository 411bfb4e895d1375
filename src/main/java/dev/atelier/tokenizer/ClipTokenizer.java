package dev.atelier.tokenizer;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.OptionalInt;

/**
 * CLIP byte-level BPE as used by Stable Diffusion text encoders (Hugging Face "fast" pre-processing:
 * NFC, whitespace collapse, lowercase). Thread-safe. Close it to free the native tokenizer early;
 * otherwise it is freed when unreachable.
 */
public interface ClipTokenizer extends AutoCloseable {

    /**
     * Loads {@code vocab.json} + {@code merges.txt} (or {@code tokenizer.json}) and the special tokens
     * from {@code tokenizer_config.json} / {@code special_tokens_map.json} in {@code tokenizerDir}.
     *
     * @throws TokenizerException naming the missing or malformed file
     */
    static ClipTokenizer load(Path tokenizerDir) {
        return DjlClipTokenizer.create(TokenizerFiles.read(tokenizerDir));
    }

    /** Tokens of {@code text}: no bos/eos, no truncation; offsets index into {@code text}. */
    List<Token> tokenize(String text);

    int bosId();

    int eosId();

    /** The pad id from the folder's {@code pad_token}: 49407 for SD 1.x, 0 ({@code !}) for SD 2.x. */
    int padId();

    /** Sequence length including bos and eos (77 for every Stable Diffusion text encoder). */
    int maxLength();

    /** The id of a vocabulary entry, e.g. {@code ",</w>"}; empty when the vocabulary lacks it. */
    OptionalInt tokenId(String vocabularyEntry);

    /** Number of entries in the vocabulary, special tokens included. */
    int vocabularySize();

    /** Ids only, as {@link #tokenize} orders them. */
    default int[] ids(String text) {
        return tokenize(text).stream().mapToInt(Token::id).toArray();
    }

    /** bos + ids (truncated to {@code maxLength() - 2}) + eos, padded with {@link #padId()} to {@code maxLength()}. */
    default int[] encodePadded(String text) {
        int[] ids = ids(text);
        int keep = Math.min(ids.length, maxLength() - 2);
        int[] out = new int[maxLength()];
        Arrays.fill(out, padId());
        out[0] = bosId();
        System.arraycopy(ids, 0, out, 1, keep);
        out[keep + 1] = eosId();
        return out;
    }

    /** Frees native resources; the tokenizer must not be used afterwards. */
    @Override
    void close();
}
