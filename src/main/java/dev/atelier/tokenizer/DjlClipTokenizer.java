package dev.atelier.tokenizer;

import ai.djl.huggingface.tokenizers.jni.CharSpan;
import ai.djl.huggingface.tokenizers.jni.LibUtils;
import ai.djl.huggingface.tokenizers.jni.TokenizersLibrary;

import java.lang.ref.Cleaner;
import java.lang.ref.Reference;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * {@link ClipTokenizer} on DJL's binding of Hugging Face {@code tokenizers} (Rust, natives bundled in
 * the jar). It talks to DJL's JNI layer ({@code TokenizersLibrary}) directly: its
 * {@code HuggingFaceTokenizer.newInstance} would re-parse the whole 1.5 MB {@code tokenizer.json}
 * with Gson to look for a pad token and, on the first call, make up to three HTTP requests to the
 * EC2 metadata address (DJL's telemetry) — neither is wanted at start-up, the second nowhere.
 */
final class DjlClipTokenizer implements ClipTokenizer {
    private static final Cleaner CLEANER = Cleaner.create();

    private final long handle;
    private final Cleaner.Cleanable cleanable;
    private final ClipVocabulary vocabulary;
    private final int bosId;
    private final int eosId;
    private final int padId;
    /** Checked before every native call: a freed handle must never reach the native side. */
    private volatile boolean closed;

    private DjlClipTokenizer(long handle, ClipVocabulary vocabulary) {
        this.handle = handle;
        this.vocabulary = vocabulary;
        this.bosId = vocabulary.id(vocabulary.bosToken());
        this.eosId = vocabulary.id(vocabulary.eosToken());
        this.padId = vocabulary.id(vocabulary.padToken());
        this.cleanable = CLEANER.register(this, () -> TokenizersLibrary.LIB.deleteTokenizer(handle));
    }

    /** Builds the native tokenizer from {@code vocabulary}'s JSON, written once ({@link ClipTokenizerJson}). */
    static DjlClipTokenizer create(ClipVocabulary vocabulary) {
        preferBundledCpuLibrary();
        String json = ClipTokenizerJson.build(vocabulary);
        try {
            LibUtils.checkStatus(); // loads the native library on first use
            return new DjlClipTokenizer(TokenizersLibrary.LIB.createTokenizerFromString(json), vocabulary);
        } catch (RuntimeException e) {
            throw new TokenizerException("Cannot create the Hugging Face tokenizer (native library "
                    + "ai.djl.huggingface:tokenizers): " + e.getMessage(), e);
        } catch (LinkageError e) {
            throw new TokenizerException("The native tokenizer library of ai.djl.huggingface:tokenizers is not "
                    + "available for " + System.getProperty("os.name") + "/" + System.getProperty("os.arch") + ": " + e.getMessage(), e);
        }
    }

    /**
     * On a machine with CUDA, DJL would pick a "cu" build of the library, which the jar does not
     * bundle, and try to download it; tokenizing never uses a GPU, so ask for the bundled CPU build
     * unless the user chose a flavour (environment variable or system property RUST_FLAVOR).
     */
    private static void preferBundledCpuLibrary() {
        if (System.getenv("RUST_FLAVOR") == null && System.getProperty("RUST_FLAVOR") == null) {
            System.setProperty("RUST_FLAVOR", "cpu");
        }
    }

    @Override
    public List<Token> tokenize(String text) {
        Objects.requireNonNull(text, "text");
        if (text.isEmpty()) {
            return List.of();
        }
        if (closed) {
            throw new IllegalStateException("the tokenizer is closed");
        }
        long[] ids;
        String[] pieces;
        CharSpan[] spans;
        try {
            long encoding = TokenizersLibrary.LIB.encode(handle, text, false);
            try {
                ids = TokenizersLibrary.LIB.getTokenIds(encoding);
                pieces = TokenizersLibrary.LIB.getTokens(encoding);
                spans = TokenizersLibrary.LIB.getTokenCharSpans(encoding);
            } finally {
                TokenizersLibrary.LIB.deleteEncoding(encoding);
            }
        } finally {
            Reference.reachabilityFence(this); // the cleaner must not free the handle during the native call
        }
        int[] utf16 = codePointToUtf16(text);
        List<Token> tokens = new ArrayList<>(ids.length);
        int lastEnd = 0;
        for (int i = 0; i < ids.length; i++) {
            CharSpan span = spans[i];
            int start = span == null ? lastEnd : utf16[span.getStart()];
            int end = span == null ? lastEnd : utf16[span.getEnd()];
            tokens.add(new Token(Math.toIntExact(ids[i]), pieces[i], start, end));
            lastEnd = end;
        }
        return tokens;
    }

    /** The native side reports offsets in code points; Java strings index UTF-16 units. */
    private static int[] codePointToUtf16(String text) {
        int count = text.codePointCount(0, text.length());
        int[] map = new int[count + 1];
        for (int cp = 0, i = 0; cp < count; cp++) {
            map[cp] = i;
            i += Character.charCount(text.codePointAt(i));
        }
        map[count] = text.length();
        return map;
    }

    @Override
    public int bosId() {
        return bosId;
    }

    @Override
    public int eosId() {
        return eosId;
    }

    @Override
    public int padId() {
        return padId;
    }

    @Override
    public int maxLength() {
        return vocabulary.maxLength();
    }

    @Override
    public OptionalInt tokenId(String vocabularyEntry) {
        Integer id = vocabulary.vocab().get(vocabularyEntry);
        return id == null ? OptionalInt.empty() : OptionalInt.of(id);
    }

    @Override
    public int vocabularySize() {
        return vocabulary.vocab().size();
    }

    @Override
    public void close() {
        closed = true;
        cleanable.clean();
    }
}
