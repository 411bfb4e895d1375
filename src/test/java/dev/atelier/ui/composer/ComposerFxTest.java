package dev.atelier.ui.composer;

import dev.atelier.tokenizer.ClipTokenizer;
import dev.atelier.ui.FxHarness;
import dev.atelier.ui.TestModels;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
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
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Typing into the composer updates the assembled prompt and the token counts, in the real window. */
@ExtendWith(ApplicationExtension.class)
class ComposerFxTest {
    @TempDir
    static Path tmp;
    private FxHarness fx;

    @Start
    void start(Stage stage) throws IOException {
        Path root = Files.createTempDirectory(tmp, "run");
        Path models = TestModels.tinyShapesPresent() ? TestModels.MODELS : TestModels.modelsRootWithTokenizerOnly(root);
        fx = FxHarness.start(stage, root.resolve("data"), models);
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    private String shownPrompt() {
        return fx.fx(() -> fx.node("#assembled-prompt", TextFlow.class).getChildren().stream()
                .map(n -> ((Text) n).getText()).collect(Collectors.joining()));
    }

    private void clearFields() {
        fx.robot.interact(() -> {
            for (ComposerField f : ComposerField.values()) {
                if (f != ComposerField.EDITED) {
                    fx.app.model().field(f).set("");
                }
            }
        });
    }

    @Test
    void typingUpdatesTheAssembledPromptAndTokenCounts() throws Exception {
        fx.awaitModelLoaded();
        clearFields();
        fx.typeInto("#subject-field", "a large red star");
        fx.typeInto("#lighting-field", "golden hour");
        fx.awaitCounted();
        assertEquals("a large red star, golden hour", shownPrompt());
        assertEquals("a large red star, golden hour", fx.fx(() -> fx.app.model().assembledProperty().get().prompt()));
        // expected counts from the model's own tokenizer; the joining comma counts with the field before it
        Path tokenizerDir = fx.fx(() -> fx.app.controller().resourcesProperty().get().dir().resolve("tokenizer"));
        try (ClipTokenizer tokenizer = ClipTokenizer.load(tokenizerDir)) {
            int subject = tokenizer.tokenize("a large red star,").size();
            int lighting = tokenizer.tokenize("golden hour").size();
            assertEquals(subject + " tokens", fx.fx(() -> fx.node("#subject-count", Label.class).getText()));
            assertEquals(lighting + " tokens", fx.fx(() -> fx.node("#lighting-count", Label.class).getText()));
            assertEquals((subject + lighting) + " / 75 tokens", fx.fx(() -> fx.node("#token-total", Label.class).getText()));

            fx.typeInto("#negative-field", "blurry");
            int negative = tokenizer.tokenize("blurry").size();
            assertEquals(negative + (negative == 1 ? " token" : " tokens"),
                    fx.fx(() -> fx.node("#negative-count", Label.class).getText()));
        }
        assertEquals("a large red star, golden hour", shownPrompt(), "the negative prompt is sent separately");
    }

    @Test
    void overflowingTokensAreHighlightedInPlaceWithTheirField() throws Exception {
        fx.awaitModelLoaded();
        clearFields();
        fx.robot.interact(() -> fx.app.model().field(ComposerField.SUBJECT)
                .set("a large red star on a blue background ".repeat(10).strip()));
        fx.typeInto("#lighting-field", "dramatic lighting");
        fx.awaitCounted();
        String marked = fx.fx(() -> fx.node("#assembled-prompt", TextFlow.class).getChildren().stream()
                .filter(n -> n.getStyleClass().contains("token-overflow"))
                .map(n -> ((Text) n).getText()).collect(Collectors.joining()));
        assertTrue(marked.endsWith("dramatic lighting"), marked);
        int lighting = fx.fx(() -> fx.app.model().budgetProperty().get().count(ComposerField.LIGHTING));
        assertTrue(lighting >= 2);
        assertEquals(lighting + " tokens · " + lighting + " past 75",
                fx.fx(() -> fx.node("#lighting-count", Label.class).getText()), "all of the lighting field fell past 75");
        assertTrue(fx.fx(() -> fx.node("#token-overflow", Label.class).getText()).contains("Lighting (dramatic lighting)"));
    }

    @Test
    void chipsToggleTermsAndTheAssembledPromptIsEditableAsText() throws Exception {
        fx.awaitModelLoaded();
        clearFields();
        fx.typeInto("#subject-field", "a small circle");
        String chip = fx.fx(() -> fx.app.model().vocabularyProperty().get().wordsOf(ComposerField.STYLE).getFirst());
        String chipId = "#style-chip-" + chip.replaceAll("[^A-Za-z0-9]+", "-");
        fx.robot.clickOn(chipId);
        fx.awaitCounted();
        assertEquals(chip, fx.fx(() -> fx.node("#style-field", TextField.class).getText()));
        assertTrue(fx.fx(() -> fx.node(chipId, ToggleButton.class).isSelected()));
        assertEquals("a small circle, " + chip, shownPrompt());
        fx.robot.clickOn(chipId);
        fx.awaitCounted();
        assertEquals("", fx.fx(() -> fx.node("#style-field", TextField.class).getText()));

        fx.robot.clickOn("#edit-prompt");
        TextArea editor = fx.node("#prompt-editor", TextArea.class);
        assertEquals("a small circle", fx.fx(editor::getText));
        fx.robot.clickOn("#prompt-editor").write(", my words");
        fx.awaitCounted();
        assertEquals("a small circle, my words", fx.fx(() -> fx.app.model().assembledProperty().get().prompt()));
        fx.robot.clickOn("#use-fields");
        fx.awaitCounted();
        assertEquals("a small circle", fx.fx(() -> fx.app.model().assembledProperty().get().prompt()));
        assertFalse(fx.fx(editor::isVisible));
    }
}
