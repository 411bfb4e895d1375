package dev.atelier.ui.controls;

import dev.atelier.onnx.ModelFolder;
import dev.atelier.prompt.PromptChunker;
import dev.atelier.tokenizer.ClipTokenizer;
import dev.atelier.ui.common.UserMessages;
import dev.atelier.ui.composer.TokenBudgetCalculator;
import dev.atelier.ui.composer.VocabularyLoader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads what the window needs of a model folder (off the UI thread): it validates the folder with
 * {@code onnx.ModelFolder} (no weights are loaded), takes its defaults, vocabulary and tokenizer,
 * and reports what makes it unusable instead of throwing.
 */
public final class ModelResourceLoader {
    private static final Logger LOG = LoggerFactory.getLogger(ModelResourceLoader.class);

    private final VocabularyLoader vocabulary;

    public ModelResourceLoader(VocabularyLoader vocabulary) {
        this.vocabulary = vocabulary;
    }

    public ModelResources load(Path dir) {
        String problem = null;
        ControlDefaults preset = ControlDefaults.fallback();
        dev.atelier.image.LatentPreview latents = null;
        if (!Files.isDirectory(dir)) {
            problem = dir + ": model folder not found";
        } else {
            try {
                ModelFolder folder = ModelFolder.open(dir);
                preset = ControlDefaults.of(folder);
                latents = dev.atelier.pipeline.PreviewTables.forModel(folder);
            } catch (RuntimeException e) {
                LOG.warn("Model folder {} is not usable", dir, e);
                problem = UserMessages.describe(e);
            }
        }
        ClipTokenizer tokenizer = null;
        TokenBudgetCalculator counter = null;
        Path tokenizerDir = dir.resolve("tokenizer");
        if (Files.isDirectory(tokenizerDir)) {
            try {
                tokenizer = ClipTokenizer.load(tokenizerDir);
                counter = new TokenBudgetCalculator(new PromptChunker(tokenizer));
            } catch (RuntimeException e) {
                LOG.warn("No token counts for {}", dir, e);
                if (problem == null) {
                    problem = UserMessages.describe(e);
                }
            }
        }
        return new ModelResources(dir, preset, vocabulary.forModel(dir), counter, problem, tokenizer, latents);
    }
}
