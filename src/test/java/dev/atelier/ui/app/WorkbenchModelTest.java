package dev.atelier.ui.app;

import dev.atelier.pipeline.GenerationRequest;

import dev.atelier.prompt.PromptChunker;
import dev.atelier.ui.SharedTokenizer;
import dev.atelier.ui.composer.ComposerField;
import dev.atelier.ui.composer.ComposerTokenBudget;
import dev.atelier.ui.composer.TokenBudgetCalculator;
import dev.atelier.ui.controls.ModelEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The prompt and the negative prompt are counted exactly as {@code nextJob} sends them (no window). */
class WorkbenchModelTest {
    @RegisterExtension
    static final SharedTokenizer TOKENIZER = new SharedTokenizer();

    private static WorkbenchModel countingModel() {
        WorkbenchModel model = new WorkbenchModel();
        model.tokenCounterProperty().set(new TokenBudgetCalculator(new PromptChunker(TOKENIZER.get())));
        model.modelProperty().set(new ModelEntry("m", Path.of("m"), false));
        return model;
    }

    @Test
    void countsThePromptsItSends() {
        WorkbenchModel model = countingModel();
        model.field(ComposerField.SUBJECT).set(" a large red star, ");
        model.field(ComposerField.STYLE).set(",watercolor");
        model.field(ComposerField.NEGATIVE).set(" , blurry, lowres ,");
        GenerationRequest job = model.nextJob(new Random(1)).request();
        ComposerTokenBudget budget = model.budgetProperty().get();
        assertEquals("a large red star, watercolor", job.prompt());
        assertEquals("blurry, lowres", job.negativePrompt());
        assertEquals(model.assembledProperty().get(), budget.prompt(), "the prompt shown is the prompt counted");
        assertEquals(TOKENIZER.get().tokenize(job.prompt()).size(), budget.positiveTotal());
        assertEquals(TOKENIZER.get().tokenize(job.negativePrompt()).size(), budget.negativeTotal());
    }

    @Test
    void sendsAnEditedPromptAsTypedAndABlankNegativeAsNone() {
        WorkbenchModel model = countingModel();
        model.field(ComposerField.SUBJECT).set("a star");
        model.field(ComposerField.NEGATIVE).set(" , ");
        model.editedPromptProperty().set("my  own, prompt,");
        GenerationRequest job = model.nextJob(new Random(1)).request();
        assertEquals("my  own, prompt,", job.prompt());
        assertNull(job.negativePrompt());
        assertEquals(TOKENIZER.get().tokenize("my  own, prompt,").size(), model.budgetProperty().get().positiveTotal());
        assertEquals(0, model.budgetProperty().get().negativeTotal());
    }

    @Test
    void currentJobRollsNoSeedWhereNextJobDoes() {
        WorkbenchModel model = countingModel();
        model.field(ComposerField.SUBJECT).set("a star");
        model.seedLockedProperty().set(false);
        model.seedProperty().set(5);
        assertEquals(5, model.currentJob().request().seed(), "the seed shown, as the comparison form checks against");
        assertEquals(5, model.seedProperty().get(), "nothing rolled");
        long rolled = model.nextJob(new Random(1)).request().seed();
        assertEquals(rolled, model.seedProperty().get(), "Generate's job rolls an unlocked seed and shows it");
        assertEquals("a star", model.currentJob().request().prompt());
    }

    @Test
    void withoutATokenizerThePromptIsStillAssembled() {
        WorkbenchModel model = new WorkbenchModel();
        model.field(ComposerField.SUBJECT).set("a star");
        model.field(ComposerField.LIGHTING).set("soft light");
        assertEquals("a star, soft light", model.budgetProperty().get().prompt().prompt());
        assertEquals(0, model.budgetProperty().get().positiveTotal());
    }
}
