package dev.atelier.ui.inspector;

import dev.atelier.image.GenerationParameters;
import dev.atelier.image.PixelImage;
import dev.atelier.image.PngContents;
import dev.atelier.image.PngFiles;
import dev.atelier.image.ProvenanceLabel;
import dev.atelier.job.Job;
import dev.atelier.job.JobSpec;
import dev.atelier.metadata.ImageMetadata;
import dev.atelier.onnx.Device;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.scheduler.SchedulerKind;
import dev.atelier.ui.FxHarness;
import dev.atelier.ui.TestModels;
import dev.atelier.ui.app.WorkbenchModel;
import dev.atelier.ui.composer.ComposerField;
import dev.atelier.ui.composer.PromptFields;
import dev.atelier.ui.history.HistoryEntry;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The image inspector in the real window: images written as A1111 and ComfyUI write them (samples in
 * src/test/resources/metadata, shared with ImageMetadataTest), and Atelier's own saves.
 */
@ExtendWith(ApplicationExtension.class)
class InspectorFxTest {
    private static final PixelImage PIXELS = new PixelImage(8, 8, new byte[8 * 8 * 3]);
    @TempDir
    static Path tmp;
    private FxHarness fx;
    private Path root;

    @Start
    void start(Stage stage) throws IOException {
        root = Files.createTempDirectory(tmp, "run");
        Path models = TestModels.tinyShapesPresent() ? TestModels.MODELS : TestModels.modelsRootWithTokenizerOnly(root);
        fx = FxHarness.start(stage, root.resolve("data"), models);
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    private static String sample(String name) throws IOException {
        try (InputStream in = InspectorFxTest.class.getResourceAsStream("/metadata/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
        }
    }

    private Path png(String name, Map<String, String> texts) throws IOException {
        Path file = root.resolve(name);
        PngFiles.write(PIXELS, texts, file);
        return file;
    }

    private String text(String id) {
        return fx.fx(() -> fx.node(id, Label.class).getText());
    }

    private void awaitInspected(Path file) throws Exception {
        fx.waitFor(30, () -> file.equals(fx.app.inspectorModel().fileProperty().get()));
    }

    private void fire(String id) {
        fx.robot.interact(() -> fx.node(id, Button.class).fire());
    }

    @Test
    void opensAnA1111PngNamesWhatAtelierLacksAndRestoresIt() throws Exception {
        fx.awaitModelLoaded();
        Path image = png("a1111.png", Map.of("parameters", sample("a1111-parameters.txt")));
        fx.robot.interact(() -> {
            fx.app.view().showPanel("Inspector"); // its content joins the window when first shown
            fx.app.inspectorView().setOpenDialog(() -> Optional.of(image));
        });
        fire("#inspector-open");
        awaitInspected(image);
        assertEquals("A1111/Forge", text("#inspector-tool"));
        assertEquals("no provenance label", text("#inspector-label"));
        assertEquals("a lighthouse on a cliff, <lora:film-grain:0.6>", text("#inspector-prompt"));
        String lacks = text("#inspector-unsupported");
        assertTrue(lacks.contains("LoRA: film-grain:0.6"), lacks);
        assertTrue(lacks.contains("Sampler: DPM++ SDE / Karras"), lacks);
        assertTrue(lacks.contains("closest Atelier scheduler: dpmpp-2m-karras"), lacks);
        assertTrue(fx.fx(() -> fx.node("#tab-inspector", javafx.scene.Node.class) == null
                || fx.app.view().root().lookup("#inspector").isVisible()), "the inspector comes to the front");

        fire("#inspector-restore");
        WorkbenchModel m = fx.app.model();
        assertEquals("a lighthouse on a cliff, <lora:film-grain:0.6>", fx.fx(() -> m.field(ComposerField.FREE_TEXT).get()));
        assertEquals("", fx.fx(() -> m.field(ComposerField.SUBJECT).get()));
        assertEquals("blurry, lowres", fx.fx(() -> m.field(ComposerField.NEGATIVE).get()));
        assertEquals(28, fx.fx(() -> m.stepsProperty().get()));
        assertEquals(6.5, fx.fx(() -> m.guidanceProperty().get()));
        assertEquals(1234567890L, fx.fx(() -> m.seedProperty().get()));
        assertTrue(fx.fx(() -> m.seedLockedProperty().get()));
        assertEquals(512, fx.fx(() -> m.widthProperty().get()));
        assertEquals(768, fx.fx(() -> m.heightProperty().get()));
        assertEquals("dpmpp-2m-karras", fx.fx(() -> m.schedulerProperty().get()));
    }

    @Test
    void aComfyUiPngDroppedOnTheWindowIsInspectedAndRestored() throws Exception {
        fx.awaitModelLoaded();
        Path image = png("comfy.png", Map.of("prompt", sample("comfyui-prompt.json"), "workflow", "{\"nodes\": []}"));
        Path notAnImage = Files.writeString(root.resolve("notes.txt"), "not an image");
        // Monocle delivers no drag-and-drop gesture (a robot drag from a second window drops nothing,
        // and a DragEvent built by hand has no gesture state), so the files a drop carries are handed to
        // the handler the window's DRAG_DROPPED listener calls
        assertFalse(fx.fx(() -> fx.app.inspectorView().dropped(List.of(notAnImage.toFile()))), "a text file is not taken");
        assertTrue(fx.fx(() -> fx.app.inspectorView().dropped(List.of(notAnImage.toFile(), image.toFile()))));
        awaitInspected(image);
        assertEquals("ComfyUI", text("#inspector-tool"));
        assertTrue(text("#inspector-unsupported").contains("LoRA: pixel-art.safetensors:0.8"));
        fire("#inspector-restore");
        WorkbenchModel m = fx.app.model();
        assertEquals("beautiful scenery nature glass bottle landscape, , purple galaxy bottle,",
                fx.fx(() -> m.field(ComposerField.FREE_TEXT).get()));
        assertEquals("text, watermark", fx.fx(() -> m.field(ComposerField.NEGATIVE).get()));
        assertEquals(20, fx.fx(() -> m.stepsProperty().get()));
        assertEquals(8.0, fx.fx(() -> m.guidanceProperty().get()));
        assertEquals(8566257L, fx.fx(() -> m.seedProperty().get()));
        assertEquals("euler", fx.fx(() -> m.schedulerProperty().get()));
    }

    @Test
    void savesCarryFieldsAndTheLabelAndSharingKeepsOnlyTheLabel() throws Exception {
        fx.awaitModelLoaded();
        fx.robot.interact(() -> fx.app.model().applyPrompt(new PromptFields("a red star", "close-up", "", "golden hour", "",
                "blurry", null)));
        GenerationParameters params = GenerationParameters.builder().prompt("a red star, close-up, golden hour")
                .negativePrompt("blurry").steps(12).scheduler("euler").cfgScale(5.5).seed(99).size(64, 64)
                .model("tiny-shapes", null).extra("Version", "Atelier 0.1.0").build();
        GenerationRequest settings = new GenerationRequest(params.prompt(), "blurry", 99, 12, 5.5, SchedulerKind.EULER,
                null, 64, 64, null);
        Job job = new Job(1, JobSpec.of(settings, TestModels.TINY_SHAPES, Device.CPU));
        fx.robot.interact(() -> fx.app.controller().currentProperty().set(new HistoryEntry(PIXELS,
                fx.app.model().promptFields(), job, settings, params.format(), List.of(), Instant.now(), 0)));
        Path saved = root.resolve("saved.png");
        assertTrue(fx.fx(() -> fx.app.controller().save(saved)));
        Map<String, String> texts = PngFiles.read(saved).texts();
        assertEquals(params.format(), texts.get(PngContents.PARAMETERS_KEY));
        assertTrue(texts.containsKey(ImageMetadata.FIELDS_KEY));
        ProvenanceLabel label = ProvenanceLabel.parse(texts.get(ProvenanceLabel.XMP_KEY)).orElseThrow();
        assertEquals("Atelier (tiny-shapes)", label.systemUsed());

        Path shared = root.resolve("shared.png");
        fx.robot.interact(() -> {
            fx.app.view().showPanel("Inspector");
            fx.app.inspectorView().setShareDialog(() -> Optional.of(shared));
        });
        fire("#inspector-share");
        fx.waitFor(30, () -> Files.exists(shared));
        Map<String, String> sharedTexts = PngFiles.read(shared).texts();
        assertEquals(List.of(ProvenanceLabel.XMP_KEY), List.copyOf(sharedTexts.keySet()));
        assertTrue(ProvenanceLabel.parse(sharedTexts.get(ProvenanceLabel.XMP_KEY)).isPresent());
        assertFalse(sharedTexts.get(ProvenanceLabel.XMP_KEY).contains("red star"));

        // the saved file back through the inspector: Atelier's own, structured fields restored
        fx.robot.interact(() -> fx.app.model().applyPrompt(PromptFields.empty()));
        fx.robot.interact(() -> fx.app.inspectorView().inspect(saved));
        awaitInspected(saved);
        assertEquals("Atelier", text("#inspector-tool"));
        assertTrue(text("#inspector-label").startsWith("yes"));
        fire("#inspector-restore");
        assertEquals("a red star", fx.fx(() -> fx.app.model().field(ComposerField.SUBJECT).get()));
        assertEquals("close-up", fx.fx(() -> fx.app.model().field(ComposerField.COMPOSITION).get()));
        assertEquals("golden hour", fx.fx(() -> fx.app.model().field(ComposerField.LIGHTING).get()));
        assertEquals("blurry", fx.fx(() -> fx.app.model().field(ComposerField.NEGATIVE).get()));
    }
}
