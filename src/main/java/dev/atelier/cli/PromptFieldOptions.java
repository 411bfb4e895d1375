package dev.atelier.cli;

import dev.atelier.compare.PromptPart;
import dev.atelier.compare.StructuredPrompt;
import dev.atelier.preset.PresetPrompt;
import dev.atelier.prompt.PromptAssembly;
import picocli.CommandLine.Option;

/**
 * The composer's structured fields on the command line (a picocli mixin): {@code --subject},
 * {@code --composition}, {@code --style}, {@code --lighting}, {@code --free-text}; the negative
 * field is {@code --negative}. Assembled exactly as the composer assembles them
 * ({@link PromptAssembly#composed}).
 */
final class PromptFieldOptions {
    @Option(names = "--subject", paramLabel = "TEXT", description = "Structured prompt: the subject field.")
    String subject;
    @Option(names = "--composition", paramLabel = "TEXT", description = "Structured prompt: the composition field.")
    String composition;
    @Option(names = "--style", paramLabel = "TEXT", description = "Structured prompt: the style field.")
    String style;
    @Option(names = "--lighting", paramLabel = "TEXT", description = "Structured prompt: the lighting field.")
    String lighting;
    @Option(names = "--free-text", paramLabel = "TEXT", description = "Structured prompt: the free-text field.")
    String freeText;

    /** Whether any structured field was given. */
    boolean any() {
        return subject != null || composition != null || style != null || lighting != null || freeText != null;
    }

    /** Refuses {@code --prompt} together with structured fields (two prompts for one image). */
    void checkNotWith(String prompt) {
        if (prompt != null && any()) {
            throw new UsageException("--prompt: give either --prompt or the structured fields (--subject, --composition, "
                    + "--style, --lighting, --free-text), not both");
        }
    }

    /** The fields as the composer holds them (normalised as the composer sends them), with {@code negative}. */
    PresetPrompt presetPrompt(String negative) {
        return new PresetPrompt(norm(subject), norm(composition), norm(style), norm(lighting), norm(freeText), norm(negative));
    }

    /** The prompt as grid fields: {@code prompt} as free text when given, else the structured fields. */
    StructuredPrompt structured(String prompt, String negative) {
        checkNotWith(prompt);
        if (prompt != null || !any()) {
            if (prompt == null) {
                throw new UsageException("--prompt is required (or the structured fields --subject, --style, ...)");
            }
            return StructuredPrompt.plain(prompt, negative);
        }
        PresetPrompt p = presetPrompt(negative);
        return StructuredPrompt.empty().with(PromptPart.SUBJECT, p.subject()).with(PromptPart.COMPOSITION, p.composition())
                .with(PromptPart.STYLE, p.style()).with(PromptPart.LIGHTING, p.lighting())
                .with(PromptPart.FREE_TEXT, p.freeText()).with(PromptPart.NEGATIVE, p.negative());
    }

    private static String norm(String text) {
        return text == null ? "" : PromptAssembly.normalise(text);
    }
}
