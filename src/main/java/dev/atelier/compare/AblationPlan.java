package dev.atelier.compare;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Prompt ablation: the full prompt and one variant per non-empty structured field with that field
 * left out, all with the same seed and settings. Empty fields get no variant (leaving them out
 * changes nothing).
 *
 * @param full     the complete prompt's settings
 * @param variants one per non-empty field, in field order
 */
public record AblationPlan(CellSettings full, List<AblationVariant> variants) {
    /** The settings with one field left out. */
    public record AblationVariant(PromptPart leftOut, CellSettings settings) {
    }

    /** How much leaving out one field changed the image. */
    public record FieldEffect(PromptPart field, double difference) {
    }

    public AblationPlan {
        variants = List.copyOf(variants);
    }

    public static AblationPlan of(CellSettings full) {
        List<PromptPart> parts = full.prompt().nonEmptyParts();
        if (parts.isEmpty()) {
            throw new IllegalArgumentException("the prompt has no non-empty field to leave out");
        }
        List<AblationVariant> out = new ArrayList<>();
        for (PromptPart p : parts) {
            out.add(new AblationVariant(p, full.withPrompt(full.prompt().with(p, ""))));
        }
        return new AblationPlan(full, out);
    }

    /** This plan with only the variants leaving out one of {@code fields} (those that ran when the rest was cancelled). */
    public AblationPlan only(java.util.Collection<PromptPart> fields) {
        return new AblationPlan(full, variants.stream().filter(v -> fields.contains(v.leftOut())).toList());
    }

    /**
     * Fields ranked by their difference number (largest first; ties in field order). Every planned
     * variant needs a number.
     */
    public List<FieldEffect> rank(Map<PromptPart, Double> differences) {
        List<FieldEffect> effects = new ArrayList<>();
        for (AblationVariant v : variants) {
            Double d = differences.get(v.leftOut());
            if (d == null) {
                throw new IllegalArgumentException("no difference number for the " + v.leftOut().axisName() + " field");
            }
            effects.add(new FieldEffect(v.leftOut(), d));
        }
        effects.sort(Comparator.comparingDouble(FieldEffect::difference).reversed());
        return effects;
    }
}
