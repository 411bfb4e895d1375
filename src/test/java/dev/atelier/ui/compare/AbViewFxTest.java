package dev.atelier.ui.compare;

import dev.atelier.compare.AblationPlan;
import dev.atelier.compare.CellSettings;
import dev.atelier.compare.PromptPart;
import dev.atelier.image.PixelImage;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Slider;
import javafx.scene.control.TableView;
import javafx.scene.image.ImageView;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;
import javafx.stage.Stage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.testfx.api.FxRobot;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Map;
import java.util.Objects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The A/B view and the ablation view in a real window, on images whose differences are known exactly. */
@ExtendWith(ApplicationExtension.class)
class AbViewFxTest {
    private static final int RED = 0xC80000;
    private static final int BLUE = 0x0000C8;
    private final FxRobot robot = new FxRobot();
    private final AbModel ab = new AbModel();
    private AbView view;
    private Stage stage;

    @Start
    void start(Stage stage) {
        this.stage = stage;
        view = new AbView(ab, 200);
        Scene scene = new Scene(new VBox(view.node()), 900, 800);
        scene.getStylesheets().add(Objects.requireNonNull(getClass().getResource(CompareWorkbenchView.CSS)).toExternalForm());
        stage.setScene(scene);
        stage.show();
    }

    /** A: all red; B: red left half, blue right half. Right half differs by 200 in R and B. */
    private void compareRedWithHalfBlue() {
        CellSettings base = CompareFixtures.base();
        CellSettings left = base.withRequest(r -> r.withSeed(1)).withPrompt(base.prompt().with(PromptPart.STYLE, "flat watercolor"));
        CellSettings right = base.withRequest(r -> r.withSeed(2)).withPrompt(base.prompt().with(PromptPart.STYLE, "flat pixel art"));
        robot.interact(() -> ab.compare(new AbSide("A", left, CompareFixtures.halves(64, RED, RED)),
                new AbSide("B", right, CompareFixtures.halves(64, RED, BLUE))));
        WaitForAsyncUtils.waitForFxEvents();
    }

    private Node stageNode() {
        return robot.lookup("#ab-stage").query();
    }

    @Test
    void theNumbersAreTheDifferencesOfThePixels() {
        compareRedWithHalfBlue();
        // half the pixels differ by 200 in two of three channels: 400 / 3 / 2 = 66.67; 50 % changed
        assertEquals("mean absolute difference 66.67 / 255 · 50.0 % of pixels changed by more than 16",
                CompareFixtures.fx(() -> robot.lookup("#ab-numbers").queryAs(Label.class).getText()));
        robot.interact(() -> robot.lookup("#ab-threshold").queryAs(Slider.class).setValue(200));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals("mean absolute difference 66.67 / 255 · 0.0 % of pixels changed by more than 200",
                CompareFixtures.fx(() -> robot.lookup("#ab-numbers").queryAs(Label.class).getText()));

        robot.clickOn("#ab-mode-difference");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0x000000, CompareFixtures.colourAt(stageNode(), 0.2, 0.5), "equal half is black in the heatmap");
        assertNotEquals(0x000000, CompareFixtures.colourAt(stageNode(), 0.8, 0.5), "changed half is hot");
    }

    @Test
    void wipeAndToggleChangeWhatIsShown() {
        compareRedWithHalfBlue();
        robot.clickOn("#ab-mode-wipe");
        robot.interact(() -> ab.wipeProperty().set(0.9));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(RED, CompareFixtures.colourAt(stageNode(), 0.7, 0.5), "A covers 90 % of the width");
        robot.interact(() -> robot.lookup("#ab-wipe").queryAs(Slider.class).setValue(0.3));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(BLUE, CompareFixtures.colourAt(stageNode(), 0.7, 0.5), "B shows right of the wipe");
        assertEquals(RED, CompareFixtures.colourAt(stageNode(), 0.1, 0.5));

        robot.clickOn("#ab-mode-toggle");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(RED, CompareFixtures.colourAt(stageNode(), 0.7, 0.5), "toggle starts on A");
        robot.clickOn("#ab-flip");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(BLUE, CompareFixtures.colourAt(stageNode(), 0.7, 0.5), "toggled to B");
    }

    @Test
    void zoomAndPanAreSharedByBothSides() {
        compareRedWithHalfBlue();
        robot.interact(() -> {
            ab.zoomBy(4);
            ab.panBy(0.5, 0);
        });
        WaitForAsyncUtils.waitForFxEvents();
        List<ImageView> views = CompareFixtures.fx(() -> robot.lookup("#ab-stage").lookup((ImageView v) -> true)
                .queryAllAs(ImageView.class).stream().toList());
        assertEquals(2, views.size());
        var a = CompareFixtures.fx(() -> views.get(0).getViewport());
        var b = CompareFixtures.fx(() -> views.get(1).getViewport());
        assertEquals(a, b);
        assertEquals(16, a.getWidth(), 1e-9, "a quarter of the 64-pixel width at zoom 4");
        // dragging right by half a view looks half a view (8 px) further left: centre 32 → 24
        assertEquals(16, a.getMinX(), 1e-9);
        robot.interact(() -> ab.panBy(3, 0));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(0, CompareFixtures.fx(() -> views.get(1).getViewport().getMinX()), 1e-9, "pan stops at the left edge");
        assertEquals(views.get(0).getViewport(), CompareFixtures.fx(() -> views.get(1).getViewport()));
    }

    @Test
    void theSettingsTableListsExactlyTheDifferingKeysAndTheWordDiffIsColoured() {
        compareRedWithHalfBlue();
        @SuppressWarnings("unchecked")
        TableView<dev.atelier.compare.SettingsDiff.SettingDifference> table = robot.lookup("#ab-settings").queryAs(TableView.class);
        assertEquals(List.of("style", "seed"), CompareFixtures.fx(() -> table.getItems().stream().map(d -> d.setting()).toList()));
        assertEquals(List.of("flat watercolor", "1"), CompareFixtures.fx(() -> table.getItems().stream().map(d -> d.left()).toList()));
        TextFlow style = robot.lookup("#ab-words-style").queryAs(TextFlow.class);
        List<String> marked = CompareFixtures.fx(() -> style.getChildren().stream().map(n -> (Text) n)
                .filter(t -> !t.getStyleClass().contains("word-field"))
                .map(t -> t.getStyleClass().get(0) + ":" + t.getText().strip()).toList());
        assertEquals(List.of("word-same:flat", "word-removed:watercolor", "word-added:pixel", "word-added:art"), marked);
        assertTrue(CompareFixtures.fx(() -> robot.lookup("#ab-words-subject").tryQuery().isPresent()), "unchanged fields are listed too");
    }

    @Test
    void theAblationViewRanksFieldsByTheirEffect() {
        CellSettings full = CompareFixtures.base().withPrompt(CompareFixtures.base().prompt()
                .with(PromptPart.LIGHTING, "golden hour"));
        AblationPlan plan = AblationPlan.of(full);
        PixelImage fullImage = CompareFixtures.halves(32, RED, RED);
        AblationModel model = new AblationModel(plan, fullImage, Map.of(
                PromptPart.SUBJECT, CompareFixtures.halves(32, RED, 0xC80040),
                PromptPart.STYLE, CompareFixtures.halves(32, BLUE, BLUE),
                PromptPart.LIGHTING, fullImage));
        assertEquals(List.of(PromptPart.STYLE, PromptPart.SUBJECT, PromptPart.LIGHTING),
                model.rows().stream().map(AblationModel.FieldRow::field).toList());
        // style: every pixel 200 off in R and B → 400 / 3; subject: half the pixels 64 off in B → 64 / 3 / 2
        assertEquals(400 / 3.0, model.rows().get(0).meanDifference(), 1e-9);
        assertEquals(64 / 6.0, model.rows().get(1).meanDifference(), 1e-9);
        assertEquals(0.0, model.rows().get(2).meanDifference());

        AblationView shown = CompareFixtures.fx(() -> {
            AblationView v = new AblationView(model, 64);
            stage.getScene().setRoot(new VBox(v.node()));
            return v;
        });
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("style", "subject", "lighting"), CompareFixtures.fx(shown::shownFieldOrder));
        assertEquals("133.33", CompareFixtures.fx(() -> robot.lookup("#ablation-style .ablation-number").queryAs(Label.class).getText()));
    }
}
