package dev.atelier.ui.composer;

import dev.atelier.prompt.PromptAssembly;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.StringProperty;

/**
 * The composer's observable state, all that its views read and write: the fields, the prompt as
 * sent, its token budget, the vocabulary and tokenizer of the model in use. The window's shared
 * model ({@code ui.app.WorkbenchModel}) implements it, so the composer needs nothing of the window.
 * Touched on the FX thread only.
 */
public interface ComposerState {
    /** One editable field's text (not {@link ComposerField#EDITED}). */
    StringProperty field(ComposerField field);

    /** Non-null while the user edits the assembled prompt as text; null to follow the fields. */
    ObjectProperty<String> editedPromptProperty();

    /** The positive prompt exactly as it will be sent, with each field's span. */
    ReadOnlyObjectProperty<PromptAssembly> assembledProperty();

    /** The latest counted budget; it may lag {@link #assembledProperty()} while the user types. */
    ReadOnlyObjectProperty<ComposerTokenBudget> budgetProperty();

    /** The model's token counter, null when its folder has no tokenizer (or none is chosen). */
    ReadOnlyObjectProperty<TokenBudgetCalculator> tokenCounterProperty();

    /** The model's word lists for the chips and the subject builder, null when it has none. */
    ReadOnlyObjectProperty<Vocabulary> vocabularyProperty();

    /** The model in use, null while none is chosen (the composer only asks whether there is one). */
    ReadOnlyObjectProperty<?> modelProperty();
}
