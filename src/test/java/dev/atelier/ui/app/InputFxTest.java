package dev.atelier.ui.app;

import dev.atelier.pipeline.Seeds;
import dev.atelier.ui.FxHarness;
import dev.atelier.ui.TestModels;
import dev.atelier.ui.composer.ComposerField;
import dev.atelier.ui.controls.ModelCatalog;
import javafx.geometry.Bounds;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.input.KeyCode;
import javafx.scene.paint.Color;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
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
import java.util.Random;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14, "the window must not silently change or lose input", in the real window on the
 * embedded model (its 656-word vocabulary): typed values are kept and marked, never corrected.
 */
@ExtendWith(ApplicationExtension.class)
class InputFxTest {
    @TempDir
    static Path tmp;
    private FxHarness fx;
    private Path root;

    @Start
    void start(Stage stage) throws IOException {
        root = Files.createTempDirectory(tmp, "run");
        fx = FxHarness.start(stage, root.resolve("data"), TestModels.MODELS);
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    private void setField(String query, String text) {
        TextField field = fx.node(query, TextField.class);
        fx.robot.interact(field::clear);
        fx.typeInto(query, text);
    }

    private boolean invalid(String query) {
        return fx.fx(() -> fx.node(query, TextField.class).getStyleClass().contains("invalid"));
    }

    private String state(String query) {
        return fx.fx(() -> query + " shows \"" + fx.node(query, TextField.class).getText() + "\", classes "
                + fx.node(query, TextField.class).getStyleClass() + ", problems " + fx.app.model().problemsProperty().get());
    }

    private String tip(String query) {
        return fx.fx(() -> fx.node(query, TextField.class).getTooltip().getText());
    }

    private boolean generateDisabled() {
        return fx.fx(() -> fx.node("#generate", Button.class).isDisabled());
    }

    private void setPrompt(String subject) {
        fx.robot.interact(() -> {
            for (ComposerField f : ComposerField.values()) {
                if (f != ComposerField.EDITED) {
                    fx.app.model().field(f).set("");
                }
            }
            fx.app.model().field(ComposerField.SUBJECT).set(subject);
        });
        fx.awaitCounted();
    }

    private List<Text> promptRuns() {
        return fx.fx(() -> fx.node("#assembled-prompt", TextFlow.class).getChildren().stream().map(n -> (Text) n).toList());
    }

    /** Point 2: out-of-range and non-numeric values stay as typed, are marked, and block Generate with the reason. */
    @Test
    void invalidValuesStayInTheFieldAndBlockGenerate() throws Exception {
        fx.awaitModelLoaded();
        assertFalse(generateDisabled());
        setField("#width", "100");
        assertEquals("100", fx.fx(() -> fx.node("#width", TextField.class).getText()), "not corrected to 96");
        assertEquals(100, fx.fx(() -> fx.app.model().widthProperty().get()));
        assertTrue(invalid("#width"));
        assertTrue(tip("#width").contains("multiple of 32 between 32 and 256"), tip("#width"));
        assertTrue(generateDisabled());
        assertTrue(fx.fx(() -> fx.node("#generate-blocked", Label.class).getText()).contains("width"));
        assertTrue(fx.fx(() -> fx.node("#controls-problem", Label.class).getText()).contains("width must be a multiple of 32"));

        setField("#width", "4096");
        assertEquals("4096", fx.fx(() -> fx.node("#width", TextField.class).getText()), "not corrected to 256");
        setField("#width", "160");
        assertFalse(invalid("#width"), state("#width"));

        setField("#steps", "0");
        assertTrue(invalid("#steps"));
        int maxSteps = fx.fx(() -> fx.app.model().limitsProperty().get().maxSteps());
        assertTrue(tip("#steps").contains("between 1 and " + maxSteps), tip("#steps"));
        setField("#steps", Integer.toString(maxSteps + 1));
        assertEquals(Integer.toString(maxSteps + 1), fx.fx(() -> fx.node("#steps", TextField.class).getText()));
        assertTrue(invalid("#steps"));
        setField("#steps", "200");
        assertFalse(invalid("#steps"), "the window allows what the CLI allows (was capped at 150)");

        setField("#guidance", "abc");
        assertEquals("abc", fx.fx(() -> fx.node("#guidance", TextField.class).getText()));
        assertTrue(invalid("#guidance"));
        assertTrue(tip("#guidance").contains("between 0 and 100"), tip("#guidance"));
        assertTrue(generateDisabled());
        // Ctrl+Enter is refused with the reason too; nothing starts
        fx.robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx.fx(() -> fx.app.controller().isRunning()));
        assertTrue(fx.fx(() -> fx.app.view().notices().text()).contains("guidance must be"));

        setField("#guidance", "6.5");
        assertFalse(invalid("#guidance"));
        // Up/Down step to the next allowed value (the fields replaced spinners)
        fx.robot.interact(() -> fx.node("#width", TextField.class).requestFocus());
        fx.robot.press(KeyCode.UP).release(KeyCode.UP);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("192", fx.fx(() -> fx.node("#width", TextField.class).getText()));
        fx.robot.interact(() -> fx.node("#guidance", TextField.class).requestFocus());
        fx.robot.press(KeyCode.DOWN).release(KeyCode.DOWN);
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("6", fx.fx(() -> fx.node("#guidance", TextField.class).getText()));
        assertEquals(6.0, fx.fx(() -> fx.app.model().guidanceProperty().get()));
        assertFalse(generateDisabled());
    }

    /** Point 12: -1 means "random" (A1111), rolled in A1111's range; seeds up to 2^63-1 are taken as typed. */
    @Test
    void seedMinusOneRollsARandomSeedForEachRun() throws Exception {
        fx.awaitModelLoaded();
        fx.robot.interact(() -> fx.app.model().seedLockedProperty().set(true));
        setField("#seed", "-1");
        assertFalse(invalid("#seed"), state("#seed"));
        Random random = new Random(7);
        long first = fx.fx(() -> fx.app.model().nextJob(random).request().seed());
        long second = fx.fx(() -> fx.app.model().nextJob(random).request().seed());
        assertNotEquals(first, second);
        for (long s : List.of(first, second)) {
            assertTrue(s >= 0 && s <= Seeds.MAX_ROLLED, "rolled in A1111's range: " + s);
        }
        assertEquals("-1", fx.fx(() -> fx.node("#seed", TextField.class).getText()), "-1 stays: every run rolls");

        setField("#seed", "9223372036854775807");
        assertFalse(invalid("#seed"));
        assertEquals(Long.MAX_VALUE, fx.fx(() -> fx.app.model().nextJob(random).request().seed()));
        setField("#seed", "-2");
        assertTrue(invalid("#seed"));
        assertTrue(tip("#seed").contains("-1 (random)"), tip("#seed"));

        // the Roll button and an unlocked seed use the same rule
        fx.robot.interact(() -> fx.app.model().seedLockedProperty().set(false));
        setField("#seed", "5");
        long rolled = fx.fx(() -> fx.app.model().nextJob(random).request().seed());
        assertTrue(rolled >= 0 && rolled <= Seeds.MAX_ROLLED);
        assertEquals(Long.toString(rolled), fx.fx(() -> fx.node("#seed", TextField.class).getText()), "shown");
    }

    /** Point 3: after "Edit as text" the first keystrokes go into the editor. */
    @Test
    void editAsTextFocusesTheEditor() throws Exception {
        fx.awaitModelLoaded();
        setPrompt("a red star");
        fx.robot.clickOn("#edit-prompt");
        fx.robot.write("xy");
        fx.awaitCounted();
        assertEquals("a red starxy", fx.fx(() -> fx.node("#prompt-editor", TextArea.class).getText()));
        assertEquals("a red starxy", fx.fx(() -> fx.app.model().assembledProperty().get().prompt()));
    }

    /** Point 4: BREAK starts a chunk on purpose: no amber "past 75" warning. */
    @Test
    void breakIsAChunkBoundaryNotAWarning() throws Exception {
        fx.awaitModelLoaded();
        setPrompt("a red star BREAK a blue circle");
        assertTrue(fx.fx(() -> fx.node("#token-total", Label.class).getText()).contains("2 chunks"));
        assertTrue(promptRuns().stream().noneMatch(t -> t.getStyleClass().contains("token-overflow")));
        assertFalse(fx.fx(() -> fx.node("#token-overflow", Label.class).isVisible()));
        assertEquals("", fx.fx(() -> fx.node("#subject-count", Label.class).getText()).replaceAll("\\d+ tokens?", ""));
    }

    /** Point 7: each field's words in the assembled prompt have that field's colour. */
    @Test
    void theAssembledPromptIsColouredByField() throws Exception {
        fx.awaitModelLoaded();
        setPrompt("a red star");
        fx.robot.interact(() -> fx.app.model().field(ComposerField.STYLE).set("flat"));
        fx.awaitCounted();
        Text subject = promptRuns().stream().filter(t -> t.getText().contains("red star")).findFirst().orElseThrow();
        Text style = promptRuns().stream().filter(t -> t.getText().contains("flat")).findFirst().orElseThrow();
        assertEquals(Color.web("#e8e8ea"), fx.fx(subject::getFill));
        assertEquals(Color.web("#c39bff"), fx.fx(style::getFill), "atelier.css: .prompt-text.field-style");
    }

    /** Point 8: a word the vocabulary lacks is marked in place and listed as a word, not letters. */
    @Test
    void unknownWordsAreMarkedInPlaceAndListedAsWords() throws Exception {
        fx.awaitModelLoaded();
        setPrompt("a red ornament star");
        String unknown = promptRuns().stream().filter(t -> t.getStyleClass().contains("token-unknown"))
                .map(Text::getText).collect(Collectors.joining());
        assertEquals("ornament", unknown.strip());
        String line = fx.fx(() -> fx.node("#token-unknown", Label.class).getText());
        assertTrue(line.contains("not in this model's vocabulary") || line.contains("Not in this model's vocabulary"), line);
        assertTrue(line.endsWith("ornament"), line);
        assertTrue(promptRuns().stream().filter(t -> t.getText().contains("red")).noneMatch(t -> t.getStyleClass().contains("token-unknown")));

        // past 75 tokens the overflow line names whole words, not "r n a m e n t"
        setPrompt("a red star, ".repeat(17) + "ornament");
        String over = fx.fx(() -> fx.node("#token-overflow", Label.class).getText());
        assertTrue(over.contains("ornament"), over);
        assertFalse(over.contains("r n a"), over);
    }

    /** Point 9: a burst of keystrokes is counted once, off the FX thread, and the newest text wins. */
    @Test
    void aBurstOfTypingIsCountedOnceWithTheNewestText() throws Exception {
        fx.awaitModelLoaded();
        setPrompt("");
        int[] deliveries = {0};
        fx.robot.interact(() -> fx.app.model().budgetProperty().addListener((o, a, b) -> deliveries[0]++));
        String typed = "a large red star on a blue background, flat, soft light, ".repeat(5).substring(0, 263);
        fx.robot.interact(() -> { // 263 keystrokes in one go, as fast as the FX thread takes them
            TextField subject = fx.node("#subject-field", TextField.class);
            for (char c : typed.toCharArray()) {
                subject.appendText(String.valueOf(c));
            }
        });
        fx.awaitCounted();
        assertEquals(1, (int) fx.fx(() -> deliveries[0]), "one count and one render for the whole burst");
        assertEquals(typed.strip().replaceAll(",$", ""), fx.fx(() -> fx.app.model().budgetProperty().get().prompt().prompt()));
    }

    /** Point 10: a model folder that failed can be removed; the counter says there is no tokenizer. */
    @Test
    void aFailedModelFolderCanBeRemovedAndHasNoTokenCount() throws Exception {
        fx.awaitModelLoaded();
        Path broken = Files.createDirectories(root.resolve("elsewhere/broken-model"));
        fx.robot.interact(() -> fx.app.controller().addModelFolder(broken));
        fx.waitFor(30, () -> fx.app.view().notices().isError());
        fx.waitFor(30, () -> fx.app.model().tokenCounterProperty().get() == null);
        fx.awaitCounted();
        assertTrue(fx.fx(() -> fx.node("#token-total", Label.class).getText()).startsWith("No tokenizer"));
        assertFalse(fx.fx(() -> fx.node("#remove-model", Button.class).isDisabled()));
        fx.robot.clickOn("#remove-model");
        fx.waitFor(30, () -> fx.app.model().modelProperty().get() != null
                && fx.app.model().modelProperty().get().name().equals(ModelCatalog.EMBEDDED)
                && fx.app.model().tokenCounterProperty().get() != null);
        assertTrue(fx.fx(() -> fx.app.model().models().stream().noneMatch(e -> e.dir().equals(broken))));
        assertTrue(fx.fx(() -> fx.app.model().userModelDirs().isEmpty()), "forgotten in the settings too");
        assertTrue(fx.fx(() -> fx.node("#remove-model", Button.class).isDisabled()), "embedded models stay");
    }

    /** Point 5: a notice or an error takes its own row; Save, Cancel and Generate stay uncovered and usable. */
    @Test
    void noticesHideNothing() throws Exception {
        fx.awaitModelLoaded();
        fx.robot.interact(() -> fx.app.view().error("Something went wrong"));
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx.fx(() -> fx.app.view().notices().isShowing()));
        Node bar = fx.fx(() -> fx.app.view().notices().node());
        Bounds notice = fx.fx(() -> bar.localToScene(bar.getBoundsInLocal()));
        for (String id : List.of("#save", "#cancel", "#generate", "#steps", "#subject-field")) {
            Node n = fx.node(id, Node.class);
            Bounds b = fx.fx(() -> n.localToScene(n.getBoundsInLocal()));
            assertFalse(notice.intersects(b), id + " is covered by the notice");
        }
        assertFalse(generateDisabled(), "an error does not take Generate away");
    }

    /** Point 6: F1 and ? show the shortcut list; Esc closes it. */
    @Test
    void helpOverlayListsTheShortcuts() throws Exception {
        fx.awaitModelLoaded();
        fx.robot.interact(() -> fx.node("#generate", Button.class).requestFocus());
        fx.robot.press(KeyCode.F1).release(KeyCode.F1);
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx.fx(() -> fx.app.view().helpShowing()));
        String listed = fx.fx(() -> fx.robot.lookup("#help-overlay").queryAll().stream().findFirst()
                .map(n -> fx.robot.from(n).lookup(".label").queryAll().stream()
                        .map(l -> ((Label) l).getText()).collect(Collectors.joining("\n"))).orElse(""));
        for (String key : List.of("Ctrl+Enter", "Esc", "Ctrl+S", "F1 or ?")) {
            assertTrue(listed.contains(key), listed);
        }
        fx.robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        WaitForAsyncUtils.waitForFxEvents();
        assertFalse(fx.fx(() -> fx.app.view().helpShowing()));
        fx.robot.write('?');
        WaitForAsyncUtils.waitForFxEvents();
        assertTrue(fx.fx(() -> fx.app.view().helpShowing()), "? outside a text field");
        fx.robot.press(KeyCode.ESCAPE).release(KeyCode.ESCAPE);
        fx.typeInto("#free-text-field", "?");
        assertFalse(fx.fx(() -> fx.app.view().helpShowing()), "? inside a text field is typed");
        assertTrue(fx.fx(() -> fx.app.model().field(ComposerField.FREE_TEXT).get()).endsWith("?"));
    }
}
