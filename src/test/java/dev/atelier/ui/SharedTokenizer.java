package dev.atelier.ui;

import dev.atelier.tokenizer.ClipTokenizer;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The embedded model's real tokenizer, loaded once per test class and closed after it:
 * {@code @RegisterExtension static final SharedTokenizer TOKENIZER = new SharedTokenizer();}.
 */
public final class SharedTokenizer implements BeforeAllCallback, AfterAllCallback {
    private ClipTokenizer tokenizer;

    @Override
    public void beforeAll(ExtensionContext context) {
        tokenizer = ClipTokenizer.load(TestModels.tokenizerDir());
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (tokenizer != null) {
            tokenizer.close();
            tokenizer = null;
        }
    }

    public ClipTokenizer get() {
        if (tokenizer == null) {
            throw new IllegalStateException("the tokenizer is only open while the test class runs");
        }
        return tokenizer;
    }
}
