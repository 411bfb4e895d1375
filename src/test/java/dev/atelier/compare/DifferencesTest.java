package dev.atelier.compare;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Word diff, settings table, ablation plan and scrub mapping. */
class DifferencesTest {
    private final CellSettings base = GridFixtures.base();

    @Test
    void wordDiffIsTheLongestCommonSubsequence() {
        List<WordDiff.DiffWord> diff = WordDiff.of("a red circle, flat", "a big red square, flat");
        assertEquals("a {+big+} red [-circle,-] {+square,+} flat", WordDiff.format(diff));
        assertEquals(4, diff.stream().filter(w -> w.change() != WordDiff.WordChange.ADDED).count());
        assertEquals("{+cat+}", WordDiff.format(WordDiff.of("", "cat")));
        assertEquals("", WordDiff.format(WordDiff.of("  ", null)));
        assertEquals("same words", WordDiff.format(WordDiff.of("same   words", "same words")));
    }

    @Test
    void settingsDiffListsOnlyWhatDiffers() {
        CellSettings other = base.withModel("models/tiny-shapes-v")
                .withRequest(r -> r.withSeed(9))
                .withPrompt(base.prompt().with(PromptPart.STYLE, "pixel art"));
        assertEquals(List.of(
                new SettingsDiff.SettingDifference("model", "models/tiny-shapes", "models/tiny-shapes-v"),
                new SettingsDiff.SettingDifference("style", "flat", "pixel art"),
                new SettingsDiff.SettingDifference("seed", "0", "9")), SettingsDiff.of(base, other));
        assertEquals(List.of(), SettingsDiff.of(base, base));
    }

    @Test
    void ablationLeavesOutEachNonEmptyFieldOnce() {
        AblationPlan plan = AblationPlan.of(base);
        // subject, style and negative are set; composition, lighting and free text are empty and not run
        assertEquals(List.of(PromptPart.SUBJECT, PromptPart.STYLE, PromptPart.NEGATIVE),
                plan.variants().stream().map(AblationPlan.AblationVariant::leftOut).toList());
        CellSettings noStyle = plan.variants().get(1).settings();
        assertEquals("a red circle", noStyle.request().prompt());
        assertEquals("blurry", noStyle.request().negativePrompt());
        assertEquals(base.request().seed(), noStyle.request().seed());
        assertEquals(base.request().steps(), noStyle.request().steps());
        assertEquals(null, plan.variants().get(2).settings().request().negativePrompt());
    }

    @Test
    void ablationRanksFieldsByTheirDifference() {
        AblationPlan plan = AblationPlan.of(base);
        List<AblationPlan.FieldEffect> ranked = plan.rank(Map.of(PromptPart.SUBJECT, 12.5, PromptPart.STYLE, 30.0,
                PromptPart.NEGATIVE, 1.0));
        assertEquals(List.of(PromptPart.STYLE, PromptPart.SUBJECT, PromptPart.NEGATIVE),
                ranked.stream().map(AblationPlan.FieldEffect::field).toList());
        assertEquals("no difference number for the negative field", assertThrows(IllegalArgumentException.class,
                () -> plan.rank(Map.of(PromptPart.SUBJECT, 1.0, PromptPart.STYLE, 2.0))).getMessage());
        assertEquals("the prompt has no non-empty field to leave out", assertThrows(IllegalArgumentException.class,
                () -> AblationPlan.of(base.withPrompt(StructuredPrompt.empty()))).getMessage());
    }

    @Test
    void scrubMapsOneFractionToEachCellsStep() {
        // 20, 10 and 1 steps: the ends meet, the middle is the nearest step
        assertEquals(List.of(0, 0, 0), StepScrub.stepsAt(0.0, List.of(20, 10, 1)));
        assertEquals(List.of(19, 9, 0), StepScrub.stepsAt(1.0, List.of(20, 10, 1)));
        assertEquals(List.of(10, 5, 0), StepScrub.stepsAt(0.5, List.of(20, 10, 1))); // 9.5 → 10, 4.5 → 5
        assertEquals(List.of(5, 2), StepScrub.stepsAt(0.25, List.of(20, 10))); // 4.75 → 5, 2.25 → 2
        assertEquals(19, StepScrub.stepAt(7, 20)); // clamped
        assertEquals(0, StepScrub.stepAt(-1, 20));
        assertEquals(0.5, StepScrub.fractionOf(5, 11));
        assertEquals(1.0, StepScrub.fractionOf(0, 1));
        assertEquals(10, StepScrub.stepAt(StepScrub.fractionOf(10, 30), 30));
        assertThrows(IllegalArgumentException.class, () -> StepScrub.stepAt(0.5, 0));
        assertThrows(IllegalArgumentException.class, () -> StepScrub.stepAt(Double.NaN, 5));
    }
}
