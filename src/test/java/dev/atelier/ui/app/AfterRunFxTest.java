package dev.atelier.ui.app;

import dev.atelier.ui.FxHarness;
import dev.atelier.ui.TestModels;
import dev.atelier.ui.controls.ControlInput;

import javafx.scene.control.Cell;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.input.KeyCode;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.framework.junit5.ApplicationExtension;
import org.testfx.framework.junit5.Start;
import org.testfx.util.WaitForAsyncUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * After a real (tiny, 2-step) run on the embedded model: Ctrl+S saves and adds ".png" (point 6), the
 * thumbnail's tooltip names model, size and scheduler (13), and switching model keeps what fits,
 * says what changed and leaves the canvas alone (11).
 */
@ExtendWith(ApplicationExtension.class)
class AfterRunFxTest {
    @TempDir
    static Path tmp;
    private FxHarness fx;
    private Path root;

    @BeforeAll
    static void needsTheModel() {
        TestModels.assumeTinyShapes();
    }

    @Start
    void start(Stage stage) throws IOException {
        root = Files.createTempDirectory(tmp, "run");
        fx = FxHarness.start(stage, root.resolve("data"), TestModels.MODELS);
    }

    @AfterEach
    void stop() {
        fx.stop();
    }

    /**
     * tiny-shapes-v with a native size of 256 (sides 64..512): a copy of its files (links that lead outside a
     * model folder are refused), its own atelier.json.
     */
    private Path biggerModel() throws IOException {
        Path source = TestModels.MODELS.resolve("tiny-shapes-v");
        Path copy = Files.createDirectories(root.resolve("elsewhere/bigger-shapes"));
        try (Stream<Path> children = Files.list(source)) {
            for (Path p : children.toList()) {
                Path target = copy.resolve(p.getFileName());
                if (p.getFileName().toString().equals("atelier.json")) {
                    Files.writeString(target, Files.readString(p).replace("\"width\": 128", "\"width\": 256")
                            .replace("\"height\": 128", "\"height\": 256"));
                } else {
                    copyTree(p, target);
                }
            }
        }
        return copy;
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> all = Files.walk(from)) {
            for (Path p : all.toList()) {
                Files.copy(p, to.resolve(from.relativize(p).toString()));
            }
        }
    }

    @Test
    void saveThumbnailAndModelSwitchAfterARun() throws Exception {
        fx.awaitModelLoaded();
        fx.robot.interact(() -> {
            fx.app.model().typed(ControlInput.STEPS, "2");
            fx.app.model().typed(ControlInput.WIDTH, "32");
            fx.app.model().typed(ControlInput.HEIGHT, "32");
            fx.app.model().typed(ControlInput.GUIDANCE, "6.5");
        });
        fx.robot.press(KeyCode.CONTROL, KeyCode.ENTER).release(KeyCode.ENTER, KeyCode.CONTROL);
        fx.waitFor(240, () -> fx.app.controller().history().size() == 1 && !fx.app.controller().isRunning());
        WaitForAsyncUtils.waitForFxEvents();

        // 13: the thumbnail says which model, size and scheduler made it
        fx.waitFor(30, () -> fx.robot.lookup(".history-cell").tryQueryAs(Cell.class)
                .map(c -> c.getItem() != null).orElse(false));
        Tooltip tip = fx.fx(() -> fx.robot.lookup(".history-cell").queryAs(Cell.class).getTooltip());
        assertNotNull(tip);
        String text = fx.fx(tip::getText);
        assertTrue(text.startsWith("tiny-shapes · 32×32 · ddim"), text);

        // 6: Ctrl+S saves; a name typed without an extension gets ".png"
        fx.robot.interact(() -> fx.app.view().setSaveDialog(suggested -> root.resolve("my picture")));
        fx.robot.press(KeyCode.CONTROL, KeyCode.S).release(KeyCode.S, KeyCode.CONTROL);
        WaitForAsyncUtils.waitForFxEvents();
        Path saved = root.resolve("my picture.png");
        assertTrue(Files.isRegularFile(saved), "saved as " + saved);
        byte[] head = Files.readAllBytes(saved);
        assertEquals((byte) 0x89, head[0]);
        assertEquals('P', head[1]);

        // 11: the bigger model does not take 32×32; steps and guidance fit and stay; the canvas keeps the image
        Object image = fx.fx(() -> fx.node("#canvas-image", ImageView.class).getImage());
        assertNotNull(image);
        Path bigger = biggerModel();
        fx.robot.interact(() -> fx.app.controller().addModelFolder(bigger));
        fx.waitFor(60, () -> fx.app.controller().resourcesProperty().get().dir().equals(bigger));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(2, fx.fx(() -> fx.app.model().stepsProperty().get()));
        assertEquals(6.5, fx.fx(() -> fx.app.model().guidanceProperty().get()));
        assertEquals(256, fx.fx(() -> fx.app.model().widthProperty().get()));
        String notice = fx.fx(() -> fx.app.view().notices().text());
        assertTrue(notice.contains("size 32×32 → 256×256"), notice);
        assertTrue(notice.contains("from 64 to 512"), notice);
        assertTrue(!notice.contains("steps") && !notice.contains("guidance"), notice);
        assertEquals(image, fx.fx(() -> fx.node("#canvas-image", ImageView.class).getImage()), "the canvas is not cleared");

        // and back: 256 fits the embedded model too, so nothing changes and nothing is said
        fx.robot.interact(() -> fx.app.view().notices().hide());
        fx.robot.interact(() -> fx.app.controller().selectModel(fx.app.model().models().getFirst()));
        fx.waitFor(60, () -> fx.app.controller().resourcesProperty().get().dir().equals(TestModels.MODELS.resolve("tiny-shapes")));
        WaitForAsyncUtils.waitForFxEvents();
        assertEquals(256, fx.fx(() -> fx.app.model().widthProperty().get()));
        assertTrue(!fx.fx(() -> fx.app.view().notices().isShowing()));
    }
}
