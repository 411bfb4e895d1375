package dev.atelier.compare;

import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.preset.PromptPreset;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Shared base settings and a parser with an in-memory preset list and a small {a|b} expander. */
final class GridFixtures {
    static final Map<String, PromptPreset> PRESETS = Map.of(
            "Noir", new PromptPreset("Noir", "black and white, film grain", "colour"),
            "Frame", new PromptPreset("Frame", "a framed picture of {prompt}", ""));

    private GridFixtures() {
    }

    static CellSettings base() {
        StructuredPrompt prompt = StructuredPrompt.empty()
                .with(PromptPart.SUBJECT, "a red circle")
                .with(PromptPart.STYLE, "flat")
                .with(PromptPart.NEGATIVE, "blurry");
        return new CellSettings("models/tiny-shapes", GenerationRequest.of("").withSteps(10).withSize(64, 64), prompt);
    }

    static AxisParser parser() {
        return new AxisParser(name -> Optional.ofNullable(PRESETS.get(name)), GridFixtures::expand);
    }

    /** Every combination of the {a|b} groups of a template, first group varying slowest. */
    static List<String> expand(String template) {
        Matcher m = Pattern.compile("\\{([^{}]*)}").matcher(template);
        if (!m.find()) {
            return List.of(template);
        }
        List<String> out = new ArrayList<>();
        for (String option : m.group(1).split("\\|", -1)) {
            out.addAll(expand(template.substring(0, m.start()) + option + template.substring(m.end())));
        }
        return out;
    }
}
