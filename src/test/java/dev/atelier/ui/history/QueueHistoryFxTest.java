package dev.atelier.ui.history;

import dev.atelier.history.HistoryRecord;
import dev.atelier.ui.FxHarness;
import dev.atelier.ui.ScriptedEngine;
import dev.atelier.ui.TestModels;
import dev.atelier.ui.app.WorkbenchModel;
import dev.atelier.ui.composer.ComposerField;
import dev.atelier.ui.queue.QueueItem;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Cell;
import javafx.scene.control.Spinner;
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
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The queue panel and the history browser in the real window, on a real queue and a real
 * history.db in a temp data folder; a scripted runner (gated per step) stands in for the model so
 * the test can act while jobs wait.
 */
@ExtendWith(ApplicationExtension.class)
class QueueHistoryFxTest {
    @TempDir
    static Path tmp;
    private final ScriptedEngine runner = new ScriptedEngine(true);
    private FxHarness fx;
    private Path data;

    @Start
    void start(Stage stage) throws IOException {
        Path root = Files.createTempDirectory(tmp, "queue");
        data = root.resolve("data");
        fx = FxHarness.start(stage, data, TestModels.modelsRootWithTokenizerOnly(root), runner);
    }

    @AfterEach
    void stop() {
        runner.allow(10_000);
        fx.stop();
    }

    private void prepare(String subject, int steps, long seed, int batch) throws TimeoutException {
        fx.waitFor(60, () -> fx.app.controller().resourcesProperty().get() != null);
        fx.robot.interact(() -> {
            WorkbenchModel m = fx.app.model();
            m.field(ComposerField.SUBJECT).set(subject);
            m.stepsProperty().set(steps);
            m.seedLockedProperty().set(true);
            m.seedProperty().set(seed);
            fx.node("#batch-count", Spinner.class).getValueFactory().setValue(batch);
        });
        WaitForAsyncUtils.waitForFxEvents();
    }

    private List<HistoryRecord> rows() {
        return fx.fx(() -> List.copyOf(fx.app.browser().model().rows()));
    }

    private List<Long> queueIds() {
        return fx.fx(() -> fx.app.controller().generation().items().stream().map(QueueItem::id).toList());
    }

    /** The button {@code style} in the queue row of job {@code id}. */
    private Button queueButton(long id, String style) {
        Node cell = fx.robot.lookup(".queue-cell").match((Cell<QueueItem> c) -> c.getItem() != null && c.getItem().id() == id)
                .query();
        return fx.robot.from(cell).lookup(style).queryButton();
    }

    private Node historyCell(Predicate<HistoryRecord> which) {
        return fx.robot.lookup(".history-cell").match((Cell<HistoryRecord> c) -> c.getItem() != null && which.test(c.getItem()))
                .query();
    }

    @Test
    void enqueueThreeCancelTheSecondHistoryShowsTwoRestoreOne() throws Exception {
        prepare("a small blue circle", 2, 100, 3);
        fx.robot.clickOn("#generate");
        fx.waitFor(30, () -> fx.app.controller().generation().items().size() == 3);
        fx.waitFor(30, () -> fx.app.controller().isRunning());
        Node details = fx.robot.from(queueButton(2, ".queue-cancel").getParent()).lookup(".queue-details").query();
        assertEquals("batch 2/3 · seed 101 · 2 steps", fx.fx(() -> ((javafx.scene.control.Label) details).getText()),
                "the seed has its own line, not cut off behind the prompt");
        assertEquals(List.of("batch 2/3 · seed 101 · 2 steps"), fx.fx(() -> ((javafx.scene.control.Label) details)
                .getChildrenUnmodifiable().stream().filter(c -> c instanceof javafx.scene.text.Text)
                .map(c -> ((javafx.scene.text.Text) c).getText()).toList()), "shown whole");
        fx.robot.clickOn(queueButton(2, ".queue-cancel"));
        fx.waitFor(30, () -> fx.app.controller().generation().items().stream()
                .anyMatch(i -> i.id() == 2 && i.stateProperty().get() == dev.atelier.job.JobState.CANCELLED));
        runner.allow(100);
        fx.waitFor(60, () -> fx.app.browser().model().rows().size() == 2);

        List<HistoryRecord> rows = rows();
        assertEquals(List.of(102L, 100L), rows.stream().map(HistoryRecord::seed).toList(), "newest first, seed 101 cancelled");
        assertTrue(Files.exists(data.resolve("history.db")));
        for (HistoryRecord r : rows) {
            assertTrue(Files.exists(r.imageFile()), "auto-saved " + r.imageFile());
            assertTrue(r.imageFile().startsWith(data.resolve("images")), r.imageFile().toString());
            assertEquals("a small blue circle", r.fields().get("subject"), "the composer's fields are recorded");
        }
        try (Stream<Path> pngs = Files.walk(data.resolve("images"))) {
            assertEquals(2, pngs.filter(p -> p.toString().endsWith(".png")).count());
        }

        fx.robot.interact(() -> {
            fx.app.model().field(ComposerField.SUBJECT).set("something else");
            fx.app.model().stepsProperty().set(7);
            fx.app.model().seedProperty().set(5);
        });
        fx.robot.clickOn(historyCell(r -> r.seed() == 100));
        fx.waitFor(30, () -> fx.app.model().seedProperty().get() == 100);
        assertEquals("a small blue circle", fx.fx(() -> fx.app.model().field(ComposerField.SUBJECT).get()));
        assertEquals(2, fx.fx(() -> fx.app.model().stepsProperty().get()));
        fx.waitFor(30, () -> fx.app.runState().canvasProperty().get() != null);
        assertEquals(2, fx.fx(() -> fx.app.runState().frames().size()), "its steps are still in memory: the timeline is back");
    }

    @Test
    void theQueuePanelReordersPendingJobs() throws Exception {
        prepare("a red star", 1, 7, 3);
        fx.robot.clickOn("#generate");
        fx.waitFor(30, () -> fx.app.controller().isRunning());
        assertEquals(List.of(1L, 2L, 3L), queueIds());
        fx.robot.clickOn(queueButton(3, ".queue-up"));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of(1L, 3L, 2L), queueIds());
        assertEquals(List.of(3L, 2L), fx.fx(() -> fx.app.queue().pending().stream().map(j -> j.id()).toList()));
        fx.robot.clickOn(queueButton(3, ".queue-down"));
        fx.robot.clickOn(queueButton(3, ".queue-up"));
        runner.allow(3);
        fx.waitFor(60, () -> fx.app.browser().model().rows().size() == 3);
        assertEquals(List.of("batch 2/3", "batch 3/3", "batch 1/3"), rows().stream().map(HistoryRecord::origin).toList(),
                "3 ran before 2 (newest first)");
        fx.robot.clickOn("#queue-clear");
        assertTrue(fx.fx(() -> fx.app.controller().generation().items().isEmpty()));
    }

    @Test
    void theSearchBoxFindsByPromptText() throws Exception {
        runner.allow(1000);
        prepare("a red star", 1, 1, 1);
        fx.robot.clickOn("#generate");
        fx.waitFor(60, () -> fx.app.browser().model().rows().size() == 1);
        prepare("a blue circle", 1, 2, 1);
        fx.robot.clickOn("#generate");
        fx.waitFor(60, () -> fx.app.browser().model().rows().size() == 2);

        fx.robot.clickOn("#history-search").write("circle");
        fx.waitFor(30, () -> fx.app.browser().model().rows().size() == 1);
        assertTrue(rows().getFirst().prompt().contains("a blue circle"), rows().getFirst().prompt());
        assertEquals("1 image", fx.fx(() -> fx.app.browser().model().statusProperty().get()));

        fx.robot.interact(() -> fx.app.browser().model().searchProperty().set("\"unclosed AND ("));
        fx.waitFor(30, () -> !fx.app.browser().model().loadingProperty().get());
        WaitForAsyncUtils.waitForFxEvents();
        String status = fx.fx(() -> fx.app.browser().model().statusProperty().get());
        assertTrue(!status.isBlank() && !status.contains("Exception"), "a bad query gives a message: " + status);

        fx.robot.interact(() -> fx.app.browser().model().searchProperty().set(""));
        fx.waitFor(30, () -> fx.app.browser().model().rows().size() == 2);
    }
}
