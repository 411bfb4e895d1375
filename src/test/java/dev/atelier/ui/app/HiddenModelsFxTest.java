package dev.atelier.ui.app;

import dev.atelier.ui.FxHarness;
import dev.atelier.ui.composer.PromptFields;
import dev.atelier.ui.controls.ModelEntry;
import com.fasterxml.jackson.databind.ObjectMapper;
import javafx.scene.control.Button;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Hyperlink;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 14 point 10: a broken folder under the models root (not one the user added) shows why it is
 * broken and can be hidden from the picker; hidden folders are remembered in settings.json and
 * "Show hidden" lists them again.
 */
@ExtendWith(ApplicationExtension.class)
class HiddenModelsFxTest {
    @TempDir
    static Path tmp;
    private FxHarness fx;
    private Path models;
    private Path settingsFile;

    @Start
    void start(Stage stage) throws IOException {
        Path root = Files.createTempDirectory(tmp, "run");
        models = Files.createDirectories(root.resolve("models"));
        for (String name : List.of("a-broken", "b-broken", "c-broken")) {
            Files.writeString(Files.createDirectories(models.resolve(name)).resolve("model_index.json"), "{ \"_class_name\": ");
        }
        settingsFile = root.resolve("data").resolve("settings.json");
        Settings saved = new Settings(null, List.of(), null, 0, 0, 0, false, 0, 0, "CPU", PromptFields.empty(),
                1280, 800, 0.0, 0.0, null, List.of(models.resolve("c-broken").toString()));
        new SettingsStore(settingsFile, new ObjectMapper()).save(saved);
        fx = FxHarness.start(stage, root.resolve("data"), models);
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    private List<String> listed() {
        return fx.fx(() -> fx.app.model().models().stream().map(ModelEntry::name).toList());
    }

    @SuppressWarnings("unchecked")
    private String pickerText() {
        return fx.fx(() -> {
            ComboBox<ModelEntry> picker = fx.node("#model-picker", ComboBox.class);
            return ((ListCell<ModelEntry>) picker.getButtonCell()).getText();
        });
    }

    @Test
    void aBrokenFolderShowsWhyAndCanBeHiddenAndShownAgain() throws Exception {
        fx.awaitModelLoaded();
        assertEquals(List.of("a-broken", "b-broken"), listed(), "c-broken was hidden in settings.json");
        Hyperlink showHidden = fx.node("#show-hidden-models", Hyperlink.class);
        assertTrue(fx.fx(showHidden::isVisible));
        assertEquals("Show hidden (1)", fx.fx(showHidden::getText));

        fx.waitFor(10, () -> fx.node("#model-problem", Label.class).isVisible());
        String why = fx.fx(() -> fx.node("#model-problem", Label.class).getText());
        assertTrue(why.startsWith("Cannot be used: "), why);
        assertTrue(why.contains("model_index.json"), "names the file: " + why);
        assertEquals("a-broken  (cannot be used)", pickerText());
        Button remove = fx.node("#remove-model", Button.class);
        assertFalse(fx.fx(remove::isDisabled), "a broken folder under the models root can be taken off the list");

        fx.robot.clickOn("#remove-model");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("b-broken"), listed());
        fx.waitFor(30, () -> fx.app.controller().resourcesProperty().get().dir().endsWith("b-broken")
                && fx.node("#model-problem", Label.class).isVisible());
        assertEquals("b-broken", fx.fx(() -> fx.app.model().modelProperty().get().name()), "the next folder is selected");
        assertEquals("Show hidden (2)", fx.fx(showHidden::getText));
        fx.waitFor(10, () -> Files.readString(settingsFile).contains("a-broken"));
        assertEquals(List.of(models.resolve("c-broken").toString(), models.resolve("a-broken").toString()),
                new SettingsStore(settingsFile, new ObjectMapper()).load().hiddenModelDirs());

        fx.robot.clickOn("#show-hidden-models");
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(List.of("a-broken", "b-broken", "c-broken"), listed());
        assertFalse(fx.fx(showHidden::isVisible));
        fx.waitFor(10, () -> !Files.readString(settingsFile).contains("c-broken"));
        assertEquals(List.of(), new SettingsStore(settingsFile, new ObjectMapper()).load().hiddenModelDirs());
    }
}
