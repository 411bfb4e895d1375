package dev.atelier.ui.composer;

import dev.atelier.prompt.PromptChunker;
import dev.atelier.ui.SharedTokenizer;
import dev.atelier.ui.app.WorkbenchModel;
import javafx.scene.Scene;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The assembled prompt renders once per change, and always text and marks of the same prompt. */
@ExtendWith(ApplicationExtension.class)
class AssembledPromptViewFxTest {
    @RegisterExtension
    static final SharedTokenizer TOKENIZER = new SharedTokenizer();
    private final FxRobot robot = new FxRobot();
    private WorkbenchModel model;
    private AssembledPromptView view;

    @Start
    void start(Stage stage) {
        model = new WorkbenchModel();
        model.tokenCounterProperty().set(new TokenBudgetCalculator(new PromptChunker(TOKENIZER.get())));
        view = new AssembledPromptView(model);
        stage.setScene(new Scene(view.node(), 500, 300));
        stage.show();
    }

    private <T> T fx(Callable<T> read) throws Exception {
        return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
    }

    private String shownPrompt() throws Exception {
        return fx(() -> robot.lookup("#assembled-prompt").queryAs(TextFlow.class).getChildren().stream()
                .map(n -> ((Text) n).getText()).collect(Collectors.joining()));
    }

    @Test
    void rendersOncePerFieldChange() throws Exception {
        int before = fx(view::renderCount);
        robot.interact(() -> model.field(ComposerField.SUBJECT).set("a red star"));
        assertEquals(before + 1, fx(view::renderCount));
        robot.interact(() -> model.field(ComposerField.LIGHTING).set("golden hour"));
        robot.interact(() -> model.field(ComposerField.NEGATIVE).set("blurry"));
        assertEquals(before + 3, fx(view::renderCount));
        assertEquals("a red star, golden hour", shownPrompt());
    }

    @Test
    void rendersOncePerKeystrokeInTheEditor() throws Exception {
        robot.interact(() -> model.field(ComposerField.SUBJECT).set("a red star"));
        robot.clickOn("#edit-prompt");
        WaitForAsyncUtils.waitForFxEvents();
        int before = fx(view::renderCount);
        robot.clickOn("#prompt-editor").write("abc");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("a red starabc", fx(() -> model.assembledProperty().get().prompt()));
        assertEquals(before + 3, fx(view::renderCount), "three keystrokes, three renders");
    }

    @Test
    void marksOverflowOfTheTextItShows() throws Exception {
        String subject = "a large red star on a blue background ".repeat(10).strip();
        robot.interact(() -> model.field(ComposerField.SUBJECT).set(subject));
        robot.interact(() -> model.field(ComposerField.LIGHTING).set("dramatic lighting"));
        String marked = fx(() -> robot.lookup("#assembled-prompt").queryAs(TextFlow.class).getChildren().stream()
                .filter(n -> n.getStyleClass().contains("token-overflow"))
                .map(n -> ((Text) n).getText()).collect(Collectors.joining()));
        assertTrue(marked.endsWith("dramatic lighting"), marked);
        assertEquals(subject + ", dramatic lighting", shownPrompt());
    }
}
