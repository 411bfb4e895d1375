package dev.atelier.ui.controls;

import dev.atelier.ui.composer.TokenBudgetCalculator;
import dev.atelier.ui.composer.Vocabulary;

import java.nio.file.Path;

/**
 * What the window needs of a model folder besides the pipeline: its defaults, its vocabulary, a token
 * counter over its own tokenizer, and the problem found when it is not usable.
 *
 * @param tokenCounter null when the folder has no readable tokenizer
 * @param problem      user-readable reason the folder cannot generate, or null when it looks fine
 * @param owned        closed with these resources (the native tokenizer), may be null
 * @param latentPreview the model's latent→RGB table for step previews, or null when the folder has none usable
 */
public record ModelResources(Path dir, ControlDefaults defaults, Vocabulary vocabulary,
                             TokenBudgetCalculator tokenCounter, String problem, AutoCloseable owned,
                             dev.atelier.image.LatentPreview latentPreview)
        implements AutoCloseable {

    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (Exception e) {
                org.slf4j.LoggerFactory.getLogger(ModelResources.class).debug("closing {}", dir, e);
            }
        }
    }
}
