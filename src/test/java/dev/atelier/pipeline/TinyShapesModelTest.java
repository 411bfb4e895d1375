package dev.atelier.pipeline;

import dev.atelier.onnx.Device;
import dev.atelier.onnx.EmbeddedModels;
import dev.atelier.onnx.Fixtures;
import dev.atelier.onnx.ModelFolder;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The embedded model draws what it is asked, judged by simple pixel analysis ({@link ShapeAnalysis}:
 * background = mean border colour, object = the pixels farthest from it, colours named by hue,
 * object centroid). Six prompts × three seeds with the model's own defaults, covering the centre and
 * all four corners; a small model is allowed some misses, so the checks are rates over all 18 images.
 */
class TinyShapesModelTest {
    /** prompt, object colour, background colour, expected centre x and y (0..1, tools/shapes.py positions). */
    private record Case(String prompt, String object, String background, double x, double y) {
    }

    private static final List<Case> CASES = List.of(
            new Case("a large red circle on a blue background, centered", "red", "blue", 0.5, 0.5),
            new Case("a large yellow square on a black background, centered", "yellow", "black", 0.5, 0.5),
            new Case("a large green star on a white background, top left", "green", "white", 0.36, 0.36),
            new Case("a large blue circle on a yellow background, bottom right", "blue", "yellow", 0.64, 0.64),
            new Case("a large purple square on a white background, top right", "purple", "white", 0.64, 0.36),
            new Case("a small white diamond on a green background, bottom left", "white", "green", 0.27, 0.73));
    private static final int SEEDS = 3;

    @Test
    void drawsTheRequestedColoursAndPositions() {
        ModelFolder folder = ModelFolder.open(Fixtures.embeddedModel(EmbeddedModels.DEFAULT));
        int objects = 0;
        int backgrounds = 0;
        int placed = 0;
        List<String> seen = new ArrayList<>();
        try (DiffusionPipeline pipeline = new DiffusionPipeline(folder, Device.CPU)) {
            for (Case c : CASES) {
                for (long seed = 1; seed <= SEEDS; seed++) {
                    GenerationRequest r = GenerationRequest.of(c.prompt()).withSeed(seed)
                            .withSteps(folder.defaults().steps()).withGuidance(folder.defaults().guidance())
                            .withSize(folder.defaults().width(), folder.defaults().height());
                    ShapeAnalysis.Result a = ShapeAnalysis.analyse(
                            pipeline.generate(r, StepListener.NONE, new CancelFlag()).image());
                    objects += a.object().equals(c.object()) ? 1 : 0;
                    backgrounds += a.background().equals(c.background()) ? 1 : 0;
                    placed += inPlace(a, c) ? 1 : 0;
                    seen.add(c.prompt() + " #" + seed + " -> " + a);
                }
            }
        }
        int n = CASES.size() * SEEDS;
        String report = "objects " + objects + "/" + n + ", backgrounds " + backgrounds + "/" + n + ", placed "
                + placed + "/" + n + "\n" + String.join("\n", seen);
        assertTrue(objects * 3 >= n * 2, "object colour right in at least 2/3: " + report);
        assertTrue(backgrounds * 3 >= n * 2, "background colour right in at least 2/3: " + report);
        assertTrue(placed * 3 >= n * 2, "object where the composition word puts it in at least 2/3: " + report);
    }

    /**
     * The centroid is on the requested side of the image's middle in both axes, or for "centered"
     * within the middle box; the margin keeps a centred blob from counting as a corner and back.
     */
    private static boolean inPlace(ShapeAnalysis.Result a, Case c) {
        if (c.x() == 0.5 && c.y() == 0.5) {
            return Math.abs(a.cx() - 0.5) < 0.12 && Math.abs(a.cy() - 0.5) < 0.12;
        }
        return onSide(a.cx(), c.x()) && onSide(a.cy(), c.y());
    }

    private static boolean onSide(double found, double expected) {
        return expected < 0.5 ? found < 0.45 : found > 0.55;
    }
}
