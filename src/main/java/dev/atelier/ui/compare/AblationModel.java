package dev.atelier.ui.compare;

import dev.atelier.compare.AblationPlan;
import dev.atelier.compare.AblationPlan.FieldEffect;
import dev.atelier.compare.PromptPart;
import dev.atelier.image.PixelDifference;
import dev.atelier.image.PixelImage;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * A finished prompt ablation ready to show: per left-out field its image, its difference against
 * the full prompt's image and the number (mean absolute difference) it is ranked by, largest first;
 * and the fields whose image was cancelled before it was made.
 */
public final class AblationModel {
    /** One row of the result: the field, its effect number, its heatmap and the image without it. */
    public record FieldRow(PromptPart field, double meanDifference, double changedShare, PixelImage heatmap,
                           PixelImage withoutField) {
    }

    private final PixelImage full;
    private final List<FieldRow> rows;
    private final List<PromptPart> notRun;

    /** A complete ablation: every planned variant has its image. */
    public AblationModel(AblationPlan plan, PixelImage full, Map<PromptPart, PixelImage> withouts) {
        this(plan, full, withouts, List.of());
    }

    /**
     * @param plan     the ablation that ran
     * @param full     the full prompt's image
     * @param withouts one image per planned variant, by the field left out
     * @param notRun   fields left out of {@code plan} because their image was cancelled
     */
    public AblationModel(AblationPlan plan, PixelImage full, Map<PromptPart, PixelImage> withouts, List<PromptPart> notRun) {
        this.full = full;
        this.notRun = List.copyOf(notRun);
        Map<PromptPart, PixelDifference> diffs = new EnumMap<>(PromptPart.class);
        Map<PromptPart, Double> numbers = new EnumMap<>(PromptPart.class);
        for (AblationPlan.AblationVariant v : plan.variants()) {
            PixelImage image = withouts.get(v.leftOut());
            if (image == null) {
                throw new IllegalArgumentException("no image for the prompt without its " + v.leftOut().axisName() + " field");
            }
            PixelDifference d = PixelDifference.of(full, image, PixelDifference.DEFAULT_THRESHOLD);
            diffs.put(v.leftOut(), d);
            numbers.put(v.leftOut(), d.meanAbsoluteDifference());
        }
        List<FieldRow> out = new ArrayList<>();
        for (FieldEffect e : plan.rank(numbers)) {
            PixelDifference d = diffs.get(e.field());
            out.add(new FieldRow(e.field(), e.difference(), d.changedShare(), d.heatmap(), withouts.get(e.field())));
        }
        this.rows = List.copyOf(out);
    }

    public PixelImage full() {
        return full;
    }

    /** Fields whose image was cancelled (empty when the ablation ran to the end). */
    public List<PromptPart> notRun() {
        return notRun;
    }

    /** Largest effect first. */
    public List<FieldRow> rows() {
        return rows;
    }
}
