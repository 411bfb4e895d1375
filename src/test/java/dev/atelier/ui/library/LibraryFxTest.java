package dev.atelier.ui.library;

import dev.atelier.image.PixelImage;
import dev.atelier.image.PngFiles;
import dev.atelier.job.Job;
import dev.atelier.job.JobSpec;
import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.preset.LibraryEntry;
import dev.atelier.preset.OnConflict;
import dev.atelier.preset.Preset;
import dev.atelier.preset.PresetFormat;
import dev.atelier.scheduler.SchedulerKind;
import dev.atelier.ui.FxHarness;
import dev.atelier.ui.TestModels;
import dev.atelier.ui.composer.ComposerField;
import dev.atelier.ui.composer.PromptFields;
import dev.atelier.ui.history.HistoryEntry;
import dev.atelier.ui.library.LibraryDialogs;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The library panel in the real window, on a real {@code library.db} in a temp data folder. */
@ExtendWith(ApplicationExtension.class)
class LibraryFxTest {
    @TempDir
    static Path tmp;
    private FxHarness fx;
    private Path root;

    @Start
    void start(Stage stage) throws IOException {
        root = Files.createTempDirectory(tmp, "run");
        Path wildcards = Files.createDirectories(root.resolve("data/wildcards"));
        Files.writeString(wildcards.resolve("shape.txt"), "# shapes\nstar\ncircle\n", StandardCharsets.UTF_8);
        Path models = TestModels.tinyShapesPresent() ? TestModels.MODELS : TestModels.modelsRootWithTokenizerOnly(root);
        fx = FxHarness.start(stage, root.resolve("data"), models);
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    /** Answers the panel's questions as a user would. */
    private record Answers(String name, Path csv) implements LibraryDialogs {
        @Override
        public Optional<String> presetName(String suggested) {
            return Optional.of(name);
        }

        @Override
        public Optional<Preset> edit(Preset preset) {
            return Optional.empty();
        }

        @Override
        public Optional<Path> importFile() {
            return Optional.ofNullable(csv);
        }

        @Override
        public Optional<Optional<PresetFormat>> importFormat() {
            return Optional.of(Optional.empty()); // detect
        }

        @Override
        public Optional<OnConflict> onConflict() {
            return Optional.of(OnConflict.RENAME);
        }

        @Override
        public Optional<PresetFormat> exportFormat() {
            return Optional.empty();
        }

        @Override
        public Optional<Path> exportFile(PresetFormat format) {
            return Optional.empty();
        }
    }

    private void fire(String id) {
        fx.robot.interact(() -> fx.node(id, Button.class).fire());
    }

    private void setField(ComposerField field, String text) {
        fx.robot.interact(() -> fx.app.model().field(field).set(text));
    }

    private List<String> shownNames() {
        return fx.fx(() -> fx.app.libraryModel().shown().stream().map(e -> e.preset().name()).toList());
    }

    private void awaitShown(List<String> names) throws Exception {
        fx.waitFor(30, () -> fx.app.libraryModel().shown().stream().map(e -> e.preset().name()).toList().equals(names));
    }

    private void clearComposer() {
        fx.robot.interact(() -> fx.app.model().applyPrompt(PromptFields.empty()));
    }

    @Test
    void savesTheComposerWithTheCanvasImageAndFindsItBySearch() throws Exception {
        fx.awaitModelLoaded();
        clearComposer();
        setField(ComposerField.SUBJECT, "a large red star");
        setField(ComposerField.LIGHTING, "golden hour");
        PixelImage image = new PixelImage(16, 16, new byte[16 * 16 * 3]);
        GenerationRequest settings = new GenerationRequest("a large red star, golden hour", null, 7, 10, 5.0, null, null,
                64, 64, null);
        Job job = new Job(1, JobSpec.of(settings, TestModels.TINY_SHAPES, Device.CPU));
        fx.robot.interact(() -> fx.app.controller().currentProperty().set(new HistoryEntry(image,
                fx.app.model().promptFields(), job, settings, "a large red star, golden hour\nSteps: 10, Seed: 7", List.of(),
                Instant.now(), 0)));
        fx.robot.interact(() -> {
            fx.app.view().showPanel("Library");
            fx.app.libraryView().setDialogs(new Answers("Red star at dusk", null));
        });
        fire("#library-save");
        awaitShown(List.of("Red star at dusk"));
        LibraryEntry saved = fx.fx(() -> fx.app.libraryModel().shown().getFirst());
        assertEquals("a large red star", saved.preset().prompt().subject());
        assertEquals("golden hour", saved.preset().prompt().lighting());
        assertTrue(saved.preset().settings().isEmpty(), "settings are kept only when asked");
        byte[] thumbnail = saved.preset().thumbnail();
        assertNotNull(thumbnail, "the canvas image is the thumbnail");
        Path thumbFile = root.resolve("thumb.png");
        Files.write(thumbFile, thumbnail);
        assertEquals(16, PngFiles.read(thumbFile).image().width());

        fx.robot.interact(() -> fx.app.libraryModel().searchProperty().set("no such words"));
        awaitShown(List.of());
        fx.robot.interact(() -> fx.app.libraryModel().searchProperty().set("GOLDEN"));
        awaitShown(List.of("Red star at dusk"));
        assertEquals(1, fx.fx(() -> fx.node("#library-list", ListView.class).getItems().size()));
    }

    @Test
    void importsAStylesCsvAppliesInChosenOrderUndoesADeleteDuplicatesAndStars() throws Exception {
        fx.awaitModelLoaded();
        Path csv = root.resolve("styles.csv");
        // A1111 styles.csv layout (UTF-8 with BOM, name,prompt,negative_prompt), as in docs/FORMATS.md
        Files.writeString(csv, "\uFEFFname,prompt,negative_prompt\n"
                + "Framed,\"{prompt}, in an ornate frame\",blurry\n"
                + "Moody,\"dark mood, low key\",\n", StandardCharsets.UTF_8);
        fx.robot.interact(() -> {
            fx.app.view().showPanel("Library");
            fx.app.libraryView().setDialogs(new Answers("unused", csv));
        });
        fire("#library-import");
        awaitShown(List.of("Framed", "Moody"));

        clearComposer();
        setField(ComposerField.SUBJECT, "a red star");
        setField(ComposerField.LIGHTING, "golden hour");
        ListView<?> list = fx.node("#library-list", ListView.class);
        fx.robot.interact(() -> {
            list.getSelectionModel().select(1); // Moody first,
            list.getSelectionModel().select(0); // then Framed: applied in this order
        });
        assertEquals("Applied in this order: Moody → Framed", fx.fx(() -> fx.node("#library-order", Label.class).getText()));
        fire("#library-apply");
        fx.awaitCounted();
        // A1111 merge_prompts: Moody appends ", dark mood, low key"; Framed wraps the result
        assertEquals("a red star, golden hour, dark mood, low key, in an ornate frame",
                fx.fx(() -> fx.app.model().assembledProperty().get().prompt()));
        assertEquals("a red star", fx.fx(() -> fx.app.model().field(ComposerField.SUBJECT).get()), "the fields are kept");
        assertEquals("blurry", fx.fx(() -> fx.app.model().field(ComposerField.NEGATIVE).get()));

        fx.robot.interact(() -> {
            list.getSelectionModel().clearSelection();
            list.getSelectionModel().select(1);
        });
        fire("#library-delete");
        awaitShown(List.of("Framed"));
        assertEquals("Undo delete of 'Moody'", fx.fx(() -> fx.node("#library-undo", Button.class).getText()));
        fire("#library-undo");
        awaitShown(List.of("Framed", "Moody"));

        fx.robot.interact(() -> list.getSelectionModel().select(1));
        fire("#library-duplicate");
        awaitShown(List.of("Framed", "Moody", "Moody (copy)"));
        fx.robot.interact(() -> {
            list.getSelectionModel().clearSelection();
            list.getSelectionModel().select(2);
        });
        fire("#library-favourite");
        fx.waitFor(30, () -> fx.app.libraryModel().shown().get(2).preset().favourite());
        fx.robot.interact(() -> fx.app.libraryModel().favouritesOnlyProperty().set(true));
        awaitShown(List.of("Moody (copy)"));
    }

    @Test
    void composerShowsHowManyPromptsTheTextExpandsTo() throws Exception {
        fx.awaitModelLoaded();
        clearComposer();
        setField(ComposerField.SUBJECT, "a {red|green|blue} __shape__");
        fx.waitFor(30, () -> !fx.node("#expansion-count", Label.class).getText().isEmpty());
        assertEquals("Expands to 6 prompts", fx.fx(() -> fx.node("#expansion-count", Label.class).getText()));
        assertTrue(fx.fx(() -> fx.node("#expansion-count", Label.class).isVisible()));
        setField(ComposerField.SUBJECT, "a plain star");
        fx.waitFor(30, () -> !fx.node("#expansion-count", Label.class).isVisible());
        setField(ComposerField.SUBJECT, "a __missing__ star");
        fx.waitFor(30, () -> fx.node("#expansion-count", Label.class).getText().contains("missing"));
        WaitForAsyncUtils.waitForFxEvents();
    }
}
