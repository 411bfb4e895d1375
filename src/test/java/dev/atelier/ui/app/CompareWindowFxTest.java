package dev.atelier.ui.app;

import dev.atelier.ui.FxHarness;
import dev.atelier.ui.ScriptedEngine;
import dev.atelier.ui.TestModels;
import dev.atelier.ui.composer.ComposerField;
import dev.atelier.compare.AxisParser;
import dev.atelier.compare.CellSettings;
import dev.atelier.compare.CellStatus;
import dev.atelier.compare.GridEstimate;
import dev.atelier.compare.GridManifest;
import dev.atelier.compare.ManifestCell;
import dev.atelier.compare.ManifestJson;
import dev.atelier.compare.PromptPart;
import dev.atelier.compare.StructuredPrompt;
import dev.atelier.history.HistoryRecord;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenanceLabel;
import dev.atelier.job.JobOrigin;
import dev.atelier.metadata.ImageMetadata;
import dev.atelier.job.JobState;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.ui.compare.AblationModel;
import dev.atelier.ui.compare.CellPhase;
import dev.atelier.ui.compare.CompareSession;
import dev.atelier.ui.compare.LiveCell;
import dev.atelier.ui.compare.LiveGridModel;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Spinner;
import javafx.scene.control.TextField;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeoutException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The comparison workbench reached from the real window: the Compare button, the grid set-up form
 * with the core parser's messages, the estimate, grids run through the core GridRunner on the
 * window's own job queue (a real queue and history.db; a scripted runner, gated per step, stands
 * in for the model), cancel, seed sweep, ablation, open / re-run / extend / save, and A/B of two
 * history items.
 */
@ExtendWith(ApplicationExtension.class)
class CompareWindowFxTest {
    @TempDir
    static Path tmp;
    private final ScriptedEngine runner = new ScriptedEngine(true);
    private FxHarness fx;
    private Path data;

    @Start
    void start(Stage stage) throws IOException {
        Path root = Files.createTempDirectory(tmp, "compare");
        data = root.resolve("data");
        fx = FxHarness.start(stage, data, TestModels.modelsRootWithTokenizerOnly(root), runner);
    }

    @AfterEach
    void stop() {
        runner.allow(100_000);
        fx.stop();
    }

    /** The composer: subject and style filled, 2 steps, seed 10 locked. */
    private void prepareComposer() throws TimeoutException {
        composer(fx, "a red circle", "flat", 2, 10);
    }

    /** Waits for the model, then fills only subject and style, with {@code steps} and a locked {@code seed}. */
    static void composer(FxHarness fx, String subject, String style, int steps, long seed) throws TimeoutException {
        fx.awaitModelLoaded();
        fx.robot.interact(() -> {
            WorkbenchModel m = fx.app.model();
            for (ComposerField f : ComposerField.values()) {
                if (f != ComposerField.EDITED) {
                    m.field(f).set("");
                }
            }
            m.field(ComposerField.SUBJECT).set(subject);
            m.field(ComposerField.STYLE).set(style);
            m.stepsProperty().set(steps);
            m.seedLockedProperty().set(true);
            m.seedProperty().set(seed);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private CompareSession session() {
        return fx.app.compare();
    }

    private void openCompare() throws TimeoutException {
        fx.robot.clickOn("#open-compare");
        fx.waitFor(10, () -> fx.app.compareWindow().isShowing());
    }

    private void axis(int i, String text) {
        fx.robot.interact(() -> fx.node("#compare-axis-" + i, TextField.class).setText(text));
    }

    private String text(String query) {
        return fx.fx(() -> fx.node(query, Label.class).getText());
    }

    private List<LiveCell> cells() {
        return fx.fx(() -> List.copyOf(session().grid().cells()));
    }

    private void awaitGridEnded(int cells) throws TimeoutException {
        fx.waitFor(60, () -> session().grid() != null && session().grid().cells().size() == cells
                && !session().setup().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
    }

    /** Jobs of grid cells the queue panel lists. */
    private long gridJobs() {
        return fx.fx(() -> fx.app.controller().generation().items().stream()
                .filter(i -> i.job().origin() instanceof JobOrigin.FromGrid).count());
    }

    private static String parserMessage(String axis) {
        CellSettings base = new CellSettings("m", GenerationRequest.of(""), StructuredPrompt.plain("x", ""));
        return assertThrows(IllegalArgumentException.class,
                () -> new AxisParser(n -> Optional.empty(), List::of).parse(axis, base)).getMessage();
    }

    @Test
    void theCompareButtonOpensTheFormWhichChecksAxesAndRunsTheGridOnTheWindowsQueue() throws Exception {
        prepareComposer();
        openCompare();
        assertTrue(text("#compare-base").contains("seed 10 · 2 steps"), text("#compare-base"));
        assertTrue(text("#compare-base").contains("a red circle, flat"), text("#compare-base"));

        fx.robot.clickOn("#compare-axis-1").write("seed=1-x");
        fx.waitFor(10, () -> !fx.node("#compare-axis-error-1", Label.class).getText().isEmpty());
        assertEquals(parserMessage("seed=1-x"), text("#compare-axis-error-1"), "the core parser's message, in place");
        assertTrue(fx.fx(() -> fx.node("#compare-start", Button.class).isDisabled()));
        assertEquals("Cannot start: fix the columns axis: " + parserMessage("seed=1-x"), text("#compare-blocked"));

        axis(1, "seed=1-3");
        axis(2, "scheduler=ddim,euler");
        String expected = new GridEstimate(6, 12, null).describe();
        fx.waitFor(10, () -> fx.node("#compare-estimate", Label.class).getText().equals(expected));
        assertEquals("", text("#compare-axis-error-1"));
        assertFalse(fx.fx(() -> fx.node("#compare-start", Button.class).isDisabled()));

        runner.allow(100_000);
        fx.robot.clickOn("#compare-start");
        awaitGridEnded(6);
        assertEquals(6, gridJobs(), "the queue panel lists the grid's cells");
        for (LiveCell c : cells()) {
            assertEquals(CellPhase.DONE, fx.fx(c::phase), c.label());
            assertNotNull(fx.fx(() -> c.preview(0)), "step previews streamed into " + c.label());
        }
        assertEquals(List.of("1", "2", "3", "1", "2", "3"),
                cells().stream().map(c -> Long.toString(c.cell().settings().request().seed())).toList());

        GridManifest saved = ManifestJson.read(session().manifestFile());
        Path folder = session().manifestFile().getParent();
        assertTrue(folder.startsWith(data.resolve("grids")), folder.toString());
        assertEquals(6, saved.cells().stream().filter(c -> c.status() == CellStatus.DONE).count());
        for (ManifestCell c : saved.cells()) {
            assertTrue(Files.isRegularFile(folder.resolve(c.file())), c.file());
        }
        assertTrue(Files.isRegularFile(folder.resolve("grid.png")), "the sheet");
        assertTrue(ImageMetadata.read(folder.resolve("grid.png")).labelled(), "the sheet carries the provenance label");
        fx.waitFor(30, () -> fx.app.browser().model().rows().size() == 6);

        // the history now has timed runs of this model: the estimate gives a time
        axis(1, "seed=4-5");
        fx.waitFor(10, () -> fx.node("#compare-estimate", Label.class).getText().startsWith("4 cells, 8 steps, about "));

        // cells whose settings are in the history are counted apart, and taken from there when the grid runs
        axis(1, "seed=2-5");
        fx.waitFor(10, () -> fx.node("#compare-estimate", Label.class).getText()
                .startsWith("8 cells, 4 from history, 4 to run, 8 steps, about "));
        fx.robot.clickOn("#compare-start");
        awaitGridEnded(8);
        assertEquals(10, gridJobs(), "only the 4 new cells were queued");
        assertTrue(cells().stream().allMatch(c -> fx.fx(c::phase) == CellPhase.DONE));
    }

    @Test
    void moreThan64CellsAskFirstAndAreNotStartedWhenDeclined() throws Exception {
        prepareComposer();
        openCompare();
        List<String> asked = new CopyOnWriteArrayList<>();
        fx.robot.interact(() -> fx.app.compareWindow().setConfirm(q -> {
            asked.add(q);
            return false;
        }));
        axis(1, "seed=1-65");
        fx.waitFor(10, () -> fx.node("#compare-estimate", Label.class).getText().contains("Start asks first"));
        fx.robot.clickOn("#compare-start");
        fx.waitFor(10, () -> !session().setup().statusProperty().get().isEmpty());
        assertEquals("Not started: the grid of 65 cells was not confirmed.", text("#compare-status"));
        assertEquals(1, asked.size());
        assertTrue(asked.getFirst().startsWith("This grid has 65 cells, more than 64: 65 cells, 130 steps"), asked.getFirst());
        assertEquals(0, gridJobs(), "nothing was queued");
    }

    @Test
    void cancelKeepsTheFinishedCells() throws Exception {
        prepareComposer();
        openCompare();
        axis(1, "seed=1-3");
        fx.waitFor(10, () -> fx.node("#compare-blocked", Label.class).getText().isEmpty());
        fx.robot.clickOn("#compare-start");
        fx.waitFor(30, () -> session().grid() != null);
        runner.allow(2); // the first cell's two steps
        fx.waitFor(30, () -> session().grid().cell(0).phase() == CellPhase.DONE);
        fx.robot.clickOn("#compare-cancel");
        runner.allow(100); // the running cell reaches its next step and sees the cancel
        awaitGridEnded(3);
        assertEquals(List.of(CellPhase.DONE, CellPhase.CANCELLED, CellPhase.CANCELLED),
                cells().stream().map(c -> fx.fx(c::phase)).toList());
        GridManifest m = ManifestJson.read(session().manifestFile());
        assertEquals(List.of(CellStatus.DONE, CellStatus.CANCELLED, CellStatus.CANCELLED),
                m.cells().stream().map(ManifestCell::status).toList());
        assertTrue(Files.isRegularFile(session().manifestFile().getParent().resolve(m.cell(0).file())));
        assertTrue(text("#compare-status").startsWith("Grid ended: 1 done, 2 cancelled"), text("#compare-status"));
    }

    @Test
    void seedSweepRunsTheComposersPromptOverNSeeds() throws Exception {
        prepareComposer();
        openCompare();
        assertEquals(8, fx.fx(() -> (int) fx.node("#compare-sweep-count", Spinner.class).getValue()), "default N");
        fx.robot.interact(() -> ((Spinner<?>) fx.node("#compare-sweep-count", Spinner.class)).getValueFactory()
                .increment(-5));
        runner.allow(100_000);
        fx.robot.clickOn("#compare-sweep");
        awaitGridEnded(3);
        assertEquals(List.of(10L, 11L, 12L), cells().stream().map(c -> c.cell().settings().request().seed()).toList());
        assertTrue(cells().stream().allMatch(c -> c.cell().settings().request().prompt().equals("a red circle, flat")));
        assertTrue(cells().stream().allMatch(c -> fx.fx(c::phase) == CellPhase.DONE));
        assertEquals(3, gridJobs());
    }

    @Test
    void ablateRunsEachNonEmptyFieldLeftOutAndOpensTheAblationView() throws Exception {
        prepareComposer();
        openCompare();
        runner.allow(100_000);
        fx.robot.clickOn("#compare-ablate");
        fx.waitFor(60, () -> session().ablation() != null);
        WaitForAsyncUtils.waitForFxEvents();
        AblationModel result = session().ablation();
        assertEquals(List.of("subject", "style"), result.rows().stream().map(r -> r.field().axisName()).toList(),
                "the scripted images are equal: ties keep field order; empty fields are not run");
        assertNotNull(fx.robot.lookup("#ablation-subject").tryQuery().orElse(null), "the ablation view is on show");
        assertNotNull(fx.robot.lookup("#ablation-style").tryQuery().orElse(null));
        assertTrue(text("#compare-status").startsWith("Ablation done"), text("#compare-status"));
    }

    /** Grid-cell jobs (grids and ablations) the queue panel shows in {@code state}. */
    private long gridJobs(JobState state) {
        return fx.fx(() -> fx.app.controller().generation().items().stream()
                .filter(i -> i.job().origin() instanceof JobOrigin.FromGrid && i.stateProperty().get() == state).count());
    }

    @Test
    void theAblationTabsCancelStopsItsImagesAndKeepsThoseMade() throws Exception {
        prepareComposer();
        openCompare();
        fx.robot.clickOn("#compare-ablate");
        fx.waitFor(30, () -> fx.robot.lookup("#ablation-cancel").tryQuery().isPresent());
        assertTrue(text("#ablation-running").startsWith("Ablation running: 3 images"), text("#ablation-running"));
        runner.allow(4); // the full prompt's image and the one without the subject: two steps each
        fx.waitFor(30, () -> gridJobs(JobState.FINISHED) == 2);
        fx.robot.clickOn("#ablation-cancel");
        runner.allow(100); // the running image reaches its next step and sees the cancel
        fx.waitFor(60, () -> !session().setup().runningProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        AblationModel result = session().ablation();
        assertNotNull(result, "the images made are shown");
        assertEquals(List.of("subject"), result.rows().stream().map(r -> r.field().axisName()).toList());
        assertEquals(List.of(PromptPart.STYLE), result.notRun());
        assertNotNull(fx.robot.lookup("#ablation-subject").tryQuery().orElse(null), "the ablation view is on show");
        assertEquals("Cancelled before their image was made: style", text("#ablation-not-run"));
        assertEquals(1, gridJobs(JobState.CANCELLED), "its last image was cancelled on the queue");
        assertEquals(2, gridJobs(JobState.FINISHED), "the finished ones stay finished");
        assertTrue(text("#compare-status").startsWith("Ablation cancelled: 1 of 2 fields not run"), text("#compare-status"));
    }

    @Test
    void aSavedGridOpensAgainReRunsOneCellExtendsAnAxisAndSaves() throws Exception {
        prepareComposer();
        openCompare();
        axis(1, "seed=1-2");
        fx.waitFor(10, () -> fx.node("#compare-blocked", Label.class).getText().isEmpty());
        runner.allow(100_000);
        fx.robot.clickOn("#compare-start");
        awaitGridEnded(2);
        Path sheet = session().manifestFile().resolveSibling("grid.png");
        LiveGridModel first = fx.fx(() -> session().grid());

        // a PNG that is not a grid: one line, the grid on show stays
        Path aCell = session().manifestFile().getParent().resolve(session().manifest().cell(0).file());
        fx.robot.interact(() -> fx.app.compareWindow().setOpenDialog(() -> aCell));
        fx.robot.clickOn("#compare-open");
        fx.waitFor(30, () -> fx.node("#compare-status", Label.class).getText().startsWith("Could not open"));
        assertEquals("Could not open " + aCell + ": " + aCell + " is not an Atelier grid image: it carries no atelier_grid metadata",
                text("#compare-status"));
        assertTrue(fx.fx(() -> session().grid() == first));

        fx.robot.interact(() -> fx.app.compareWindow().setOpenDialog(() -> sheet));
        fx.robot.clickOn("#compare-open");
        fx.waitFor(30, () -> session().grid() != first);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("Opened grid.png: 2 cells, 2 with pictures", text("#compare-status"));
        assertTrue(cells().stream().allMatch(c -> fx.fx(c::phase) == CellPhase.DONE && fx.fx(c::finalImage) != null),
                "cells loaded from their files");
        assertEquals(2, gridJobs());

        fx.robot.rightClickOn("#grid-cell-1");
        fx.robot.clickOn("Re-run this cell");
        awaitGridEnded(2);
        fx.waitFor(10, () -> gridJobs() == 3);
        assertEquals(3, gridJobs(), "one cell ran again");

        fx.robot.interact(() -> {
            fx.app.compareWindow().setConfirm(q -> false);
            fx.node("#compare-extend", TextField.class).setText("seed=3-67");
        });
        fx.robot.clickOn("#compare-extend-run");
        fx.waitFor(30, () -> fx.node("#compare-status", Label.class).getText().startsWith("Not extended"));
        assertEquals("Not extended: the 65 new cells were not confirmed.", text("#compare-status"));
        assertEquals(3, gridJobs(), "more than 64 new cells ask first; declined, nothing ran");

        fx.robot.interact(() -> fx.node("#compare-extend", TextField.class).setText("seed=3"));
        fx.robot.clickOn("#compare-extend-run");
        awaitGridEnded(3);
        assertEquals(4, gridJobs(), "only the new cell ran");
        assertTrue(cells().stream().allMatch(c -> fx.fx(c::phase) == CellPhase.DONE));

        Path out = Files.createDirectories(data.resolve("saved"));
        fx.robot.interact(() -> fx.app.compareWindow().setSaveDialog(() -> out));
        fx.robot.clickOn("#compare-save");
        fx.waitFor(30, () -> fx.node("#compare-status", Label.class).getText().startsWith("Saved"));
        GridManifest saved = ManifestJson.read(out.resolve("grid.json"));
        assertEquals(List.of("1", "2", "3"), saved.axes().getFirst().values());
        for (ManifestCell c : saved.cells()) {
            assertEquals(CellStatus.DONE, c.status());
            assertTrue(c.file().startsWith("cells/"), c.file());
            assertTrue(Files.isRegularFile(out.resolve(c.file())), c.file());
        }
        assertTrue(Files.isRegularFile(out.resolve("grid.png")));
        var label = ProvenanceLabel.parse(PngFiles.read(out.resolve("grid.png")).texts().get(ProvenanceLabel.XMP_KEY));
        assertTrue(label.isPresent(), "the saved sheet carries the provenance label");
        assertNull(label.get().prompt(), "the window never puts the prompt into a label");
    }

    @Test
    void twoHistoryItemsOpenInTheAbView() throws Exception {
        prepareComposer();
        runner.allow(100_000);
        fx.robot.interact(() -> fx.node("#batch-count", Spinner.class).getValueFactory().setValue(2));
        fx.robot.clickOn("#generate");
        fx.waitFor(60, () -> fx.app.browser().model().rows().size() == 2);
        assertTrue(fx.fx(() -> fx.node("#history-compare", Button.class).isDisabled()), "needs two selected");
        fx.robot.interact(() -> fx.app.browser().model().rows().forEach(r -> fx.app.browser().model().selected().add(r.id())));
        fx.robot.clickOn("#history-compare");
        fx.waitFor(30, () -> session().ab().rightProperty().get() != null);
        assertTrue(fx.fx(() -> fx.app.compareWindow().isShowing()));
        List<HistoryRecord> rows = fx.fx(() -> fx.app.browser().model().selectedRows());
        assertEquals(rows.get(0).seed(), fx.fx(() -> session().ab().leftProperty().get().settings().request().seed()));
        assertEquals(rows.get(1).seed(), fx.fx(() -> session().ab().rightProperty().get().settings().request().seed()));
        assertEquals(List.of("seed"), fx.fx(() -> session().ab().settingsDifferences().stream().map(d -> d.setting()).toList()));
        assertEquals("a red circle", fx.fx(() -> session().ab().leftProperty().get().settings().prompt()
                .text(dev.atelier.compare.PromptPart.SUBJECT)), "the composer's fields came back from the history");
    }

    @Test
    void closingTheWindowRemovesItsListenersAndReopeningShowsTheGridAgain() throws Exception {
        prepareComposer();
        openCompare();
        axis(1, "seed=1-2");
        fx.waitFor(10, () -> fx.node("#compare-estimate", Label.class).getText().startsWith("2 cells"));
        runner.allow(100_000);
        fx.robot.clickOn("#compare-start");
        awaitGridEnded(2);
        Label oldEstimate = fx.node("#compare-estimate", Label.class);
        String shown = fx.fx(oldEstimate::getText);

        fx.robot.interact(() -> fx.app.compareWindow().close());
        fx.robot.interact(() -> session().setup().axisText(0).set("seed=1-5"));
        fx.waitFor(10, () -> session().setup().estimateProperty().get().startsWith("5 cells"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(shown, fx.fx(oldEstimate::getText), "the closed window's label no longer follows the model");

        openCompare();
        assertTrue(text("#compare-estimate").startsWith("5 cells"), text("#compare-estimate"));
        assertEquals("seed=1-5", fx.fx(() -> fx.node("#compare-axis-1", TextField.class).getText()));
        assertNotNull(fx.robot.lookup("#grid-cell-1").tryQuery().orElse(null), "the grid is shown again");
    }
}
