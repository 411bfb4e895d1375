package dev.atelier.pipeline;

import dev.atelier.image.GenerationParameters;
import dev.atelier.prompt.Emphasis;

/** Builds the A1111 {@code parameters} text of a result, the text written into its PNG. */
public final class ParametersText {
    private ParametersText() {
    }

    public static GenerationParameters of(GenerationResult result) {
        GenerationRequest s = result.settings();
        GenerationParameters.Builder b = GenerationParameters.builder()
                .prompt(s.prompt())
                .negativePrompt(s.negativePrompt() == null ? "" : s.negativePrompt())
                .steps(s.steps())
                .scheduler(s.scheduler().cliName())
                .cfgScale(s.guidance())
                .seed(s.seed())
                .size(s.width(), s.height())
                .model(result.modelName(), null);
        if (s.emphasis() != Emphasis.ORIGINAL && (s.prompt().contains("(") || s.prompt().contains("["))) {
            b.extra("Emphasis", emphasisLabel(s.emphasis()));
        }
        b.extra("Timestep spacing", s.timestepSpacing().configName());
        b.extra("Version", "Atelier");
        return b.build();
    }

    /** A1111's names for the emphasis modes. */
    static String emphasisLabel(Emphasis e) {
        return switch (e) {
            case ORIGINAL -> "Original";
            case NO_NORM -> "No norm";
            case NONE -> "None";
        };
    }

    public static String text(GenerationResult result) {
        return of(result).format();
    }
}
