package dev.atelier.compare;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class GridPlanTest {
    private final AxisParser parser = GridFixtures.parser();
    private final CellSettings base = GridFixtures.base();

    private GridPlan plan(String... specs) {
        return GridPlan.of(List.of(specs).stream().map(s -> parser.parse(s, base)).toList(), base);
    }

    @Test
    void columnsRowsAndPagesInDisplayOrder() {
        GridPlan plan = plan("seed=1-3", "style=flat|watercolor", "scheduler=ddim,euler");
        assertEquals(12, plan.cells().size());
        assertEquals(3, plan.columns());
        assertEquals(2, plan.rows());
        assertEquals(2, plan.pages());
        GridCell fifth = plan.cells().get(4); // page 0, row 1, column 1
        assertEquals(List.of(1, 1, 0), fifth.position());
        assertEquals(2, fifth.settings().request().seed());
        assertEquals("a red circle, watercolor", fifth.settings().request().prompt());
        assertEquals("scheduler: euler", plan.pageTitle(1));
        assertEquals(List.of(6, 7, 8, 9, 10, 11), plan.page(1).stream().map(GridCell::index).toList());
    }

    @Test
    void moreThanThreeAxesBecomeMorePages() {
        GridPlan plan = plan("seed=1,2", "style=flat|watercolor", "scheduler=ddim,euler", "steps=10,20");
        assertEquals(4, plan.pages());
        assertEquals("scheduler: euler, steps: 20", plan.pageTitle(3));
    }

    @Test
    void noAxesIsOneCell() {
        GridPlan plan = GridPlan.of(List.of(), base);
        assertEquals(1, plan.cells().size());
        assertEquals(base, plan.cells().get(0).settings());
    }

    @Test
    void theSameAxisTwiceIsRefused() {
        assertEquals("the seed axis is given twice; put all its values on one axis",
                assertThrows(IllegalArgumentException.class, () -> plan("seed=1,2", "seed=3")).getMessage());
    }

    @Test
    void searchAndReplaceSeesTheFieldAxesText() {
        // the S/R axis comes first but is applied after the subject axis has set its text
        GridPlan plan = plan("sr=circle,square", "subject=a red circle|a big circle");
        assertEquals("a big square, flat", plan.cells().get(3).settings().request().prompt());
    }

    @Test
    void modelIsTheOutermostLoopAndCellsSharingAPromptAreAdjacent() {
        GridPlan plan = plan("seed=1,2", "model=models/a,models/b", "style=flat|watercolor");
        List<GridCell> order = plan.executionOrder();
        assertEquals(8, order.size());
        // models a then b; within each, flat cells (seeds 1, 2) then watercolor cells
        assertEquals(List.of("models/a", "models/a", "models/a", "models/a", "models/b", "models/b", "models/b", "models/b"),
                order.stream().map(c -> c.settings().model()).toList());
        assertEquals(List.of(0, 1, 4, 5, 2, 3, 6, 7), order.stream().map(GridCell::index).toList());
        for (int i = 0; i < order.size(); i += 2) {
            assertTrue(order.get(i).settings().samePromptAs(order.get(i + 1).settings()));
        }
    }

    @Test
    void hashesAreStableAndFollowEverySetting() {
        GridPlan plan = plan("seed=1,2");
        String first = plan.cells().get(0).hash();
        assertEquals(64, first.length());
        assertEquals(first, plan("seed=1,2").cells().get(0).hash());
        assertNotEquals(first, plan.cells().get(1).hash());
        assertNotEquals(first, plan.cells().get(0).settings().withModel("models/other").hash());
        assertNotEquals(first, plan.cells().get(0).settings().withRequest(r -> r.withGuidance(7.0)).hash());
        // canonical form: sorted keys, so it does not depend on field declaration order
        String json = plan.cells().get(0).settings().canonicalJson();
        assertTrue(json.startsWith("{\"model\":\"models/tiny-shapes\",\"prompt\":{\"fields\":["), json);
        assertTrue(json.contains("\"seed\":1,"), json);
    }

    @Test
    void hashOfAPinnedSettingsValue() {
        // pinned: a change here means every saved manifest's hashes break; raise the schema version then
        assertEquals("{\"model\":\"m\",\"prompt\":{\"fields\":[{\"name\":\"SUBJECT\",\"text\":\"\"},"
                        + "{\"name\":\"COMPOSITION\",\"text\":\"\"},{\"name\":\"STYLE\",\"text\":\"\"},"
                        + "{\"name\":\"LIGHTING\",\"text\":\"\"},{\"name\":\"FREE_TEXT\",\"text\":\"cat\"},"
                        + "{\"name\":\"NEGATIVE\",\"text\":\"\"}]},\"request\":{\"emphasis\":\"ORIGINAL\",\"guidance\":7.5,"
                        + "\"height\":512,\"negativePrompt\":null,\"prompt\":\"cat\",\"scheduler\":null,\"seed\":0,"
                        + "\"steps\":20,\"timestepSpacing\":null,\"width\":512}}",
                new CellSettings("m", dev.atelier.pipeline.GenerationRequest.of("x"), StructuredPrompt.plain("cat", null))
                        .canonicalJson());
    }

    @Test
    void moreThan64CellsAskFirst() {
        GridPlan small = plan("seed=1-64");
        assertFalse(small.needsConfirmation());
        small.requireConfirmed(false);
        GridPlan big = plan("seed=1-65");
        assertTrue(big.needsConfirmation());
        big.requireConfirmed(true);
        assertEquals("the grid has 65 cells, more than 64; confirm to start it (--yes on the command line)",
                assertThrows(IllegalArgumentException.class, () -> big.requireConfirmed(false)).getMessage());
    }

    @Test
    void estimateCountsStepsAndUsesRecentStepTimes() {
        GridPlan plan = plan("model=models/a,models/b", "steps=10,20");
        GridEstimate known = plan.estimate(model -> Optional.of(model.endsWith("a") ? 0.1 : 0.5));
        assertEquals(4, known.cells());
        assertEquals(60, known.steps());
        // a: (10 + 20) × 0.1 s, b: (10 + 20) × 0.5 s
        assertEquals(Duration.ofMillis(18_000), known.expected());
        assertEquals("4 cells, 60 steps, about 18 s", known.describe());
        GridEstimate unknown = plan.estimate(model -> model.endsWith("a") ? Optional.of(0.1) : Optional.empty());
        assertNull(unknown.expected());
        assertEquals("4 cells, 60 steps, time unknown (no recent runs)", unknown.describe());
    }
}
