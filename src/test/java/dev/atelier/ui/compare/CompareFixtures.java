package dev.atelier.ui.compare;

import dev.atelier.compare.Axis;
import dev.atelier.compare.AxisKind;
import dev.atelier.compare.CellSettings;
import dev.atelier.compare.GridPlan;
import dev.atelier.compare.PromptPart;
import dev.atelier.compare.StructuredPrompt;
import dev.atelier.image.PixelImage;
import dev.atelier.pipeline.GenerationRequest;
import dev.atelier.ui.common.FxImages;
import javafx.application.Platform;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.stage.Stage;
import javafx.util.Duration;
import org.testfx.util.WaitForAsyncUtils;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javafx.scene.Parent;
import java.util.concurrent.Executor;

/** Grids, synthetic images and a real window for the comparison workbench's tests and screenshot. */
final class CompareFixtures {
    final LiveGridModel grid;
    final AbModel ab = new AbModel();
    final CompareController controller;
    final GridFeed feed;
    CompareWorkbenchView view;

    CompareFixtures(GridPlan plan, Duration playLength) {
        this(plan, playLength, Platform::runLater);
    }

    /** {@code fxExecutor}: how the feed reaches the FX thread (a test may wrap it to time each drain). */
    CompareFixtures(GridPlan plan, Duration playLength, Executor fxExecutor) {
        grid = new LiveGridModel(plan);
        controller = new CompareController(grid, ab, playLength);
        feed = new GridFeed(grid, fxExecutor);
    }

    /** Shows the workbench view on {@code stage} with both stylesheets. Call on the FX thread. */
    void show(Stage stage, int cellSize, double width, double height) {
        view = new CompareWorkbenchView(grid, ab, controller, cellSize);
        Scene scene = new Scene((Parent) view.node(), width, height);
        scene.getStylesheets().add(css("/dev/atelier/ui/atelier.css"));
        scene.getStylesheets().add(css(CompareWorkbenchView.CSS));
        stage.setScene(scene);
        stage.show();
    }

    private static String css(String path) {
        return Objects.requireNonNull(CompareFixtures.class.getResource(path), path).toExternalForm();
    }

    static CellSettings base() {
        StructuredPrompt prompt = StructuredPrompt.empty().with(PromptPart.SUBJECT, "a red circle")
                .with(PromptPart.STYLE, "flat");
        return new CellSettings("models/tiny-shapes", GenerationRequest.of("").withSize(64, 64), prompt);
    }

    static Axis axis(AxisKind kind, String... values) {
        return new Axis(kind, null, List.of(values), List.of());
    }

    /** Columns: four seeds; rows: 10 and 20 steps (so step counts differ). */
    static GridPlan seedsBySteps() {
        return GridPlan.of(List.of(axis(AxisKind.SEED, "1", "2", "3", "4"), axis(AxisKind.STEPS, "10", "20")), base());
    }

    /**
     * A recognisable synthetic denoising: a disc whose colour depends on the cell, under noise that
     * fades as {@code step} approaches {@code total - 1}.
     */
    static PixelImage frame(int cell, int step, int total, int side) {
        byte[] rgb = new byte[side * side * 3];
        double clean = total == 1 ? 1 : (double) step / (total - 1);
        int r = 60 + (cell * 53) % 190;
        int g = 60 + (cell * 97) % 190;
        int b = 60 + (cell * 31) % 190;
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                double dx = x - side * (0.35 + 0.3 * ((cell % 3) / 2.0));
                double dy = y - side * 0.5;
                boolean inside = dx * dx + dy * dy < (side * 0.28) * (side * 0.28);
                int noise = Math.floorMod((x * 73856093) ^ (y * 19349663) ^ (cell * 83492791) ^ (step * 2654435), 256);
                int i = (y * side + x) * 3;
                int[] base = inside ? new int[]{r, g, b} : new int[]{24, 26, 30};
                for (int c = 0; c < 3; c++) {
                    rgb[i + c] = (byte) Math.round(clean * base[c] + (1 - clean) * noise);
                }
            }
        }
        return new PixelImage(side, side, rgb);
    }

    /** A solid image, left and right halves in the given colours (0xRRGGBB). */
    static PixelImage halves(int side, int left, int right) {
        byte[] rgb = new byte[side * side * 3];
        for (int y = 0; y < side; y++) {
            for (int x = 0; x < side; x++) {
                int c = x < side / 2 ? left : right;
                int i = (y * side + x) * 3;
                rgb[i] = (byte) (c >> 16);
                rgb[i + 1] = (byte) (c >> 8);
                rgb[i + 2] = (byte) c;
            }
        }
        return new PixelImage(side, side, rgb);
    }

    /** Streams every cell of the grid from the calling thread: its steps, then its final image. */
    void streamAll(int side) {
        for (LiveCell c : grid.cells()) {
            int total = c.cell().settings().request().steps();
            feed.cellStarted(c.index(), total);
            for (int s = 0; s < total; s++) {
                feed.cellStep(c.index(), s, total, frame(c.index(), s, total, side));
            }
            feed.cellFinished(c.index(), frame(c.index(), total - 1, total, side));
        }
    }

    static <T> T fx(Callable<T> read) {
        try {
            return WaitForAsyncUtils.asyncFx(read).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("reading from the FX thread failed", e);
        }
    }

    static void waitFor(int seconds, Callable<Boolean> condition) throws TimeoutException {
        WaitForAsyncUtils.waitFor(seconds, TimeUnit.SECONDS, () -> fx(condition));
    }

    /** The colour shown at a point of {@code node}, as a share of its width and height, from a real snapshot. */
    static int colourAt(Node node, double xShare, double yShare) {
        return fx(() -> {
            PixelImage shot = FxImages.fromFx(node.snapshot(null, null));
            return shot.rgbAt((int) (xShare * (shot.width() - 1)), (int) (yShare * (shot.height() - 1)));
        });
    }
}
