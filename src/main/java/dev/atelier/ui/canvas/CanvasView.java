package dev.atelier.ui.canvas;

import dev.atelier.image.PixelImage;
import dev.atelier.ui.common.FxImages;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;

/**
 * The image area: the current preview or final image scaled up smoothly to fit, with the run's
 * progress (step, timestep, speed, ETA) over it.
 */
public final class CanvasView {
    private static final double PADDING = 20;

    private final BorderPane root = new BorderPane();
    private final StackPane stage = new StackPane();
    private final ImageView image = new ImageView();
    private final Label progress = new Label();
    private final Label caption = new Label();

    public CanvasView(RunState run) {
        root.getStyleClass().add("canvas");
        root.setId("canvas");
        root.setMinSize(200, 200);
        image.setId("canvas-image");
        image.setPreserveRatio(true);
        image.setSmooth(true);
        image.getStyleClass().add("canvas-image");

        StackPane frame = new StackPane(image);
        frame.getStyleClass().add("canvas-frame");
        frame.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        frame.visibleProperty().bind(run.canvasProperty().isNotNull());

        Label placeholder = new Label("Compose a prompt, then Generate  (Ctrl+Enter)");
        placeholder.getStyleClass().add("canvas-placeholder");
        placeholder.visibleProperty().bind(run.canvasProperty().isNull());

        progress.setId("progress-label");
        progress.getStyleClass().add("hud");
        progress.textProperty().bind(run.progressProperty());
        progress.visibleProperty().bind(run.progressProperty().isNotEmpty());
        caption.setId("canvas-caption");
        caption.getStyleClass().addAll("hud", "hud-caption");
        caption.textProperty().bind(run.captionProperty());
        caption.visibleProperty().bind(run.captionProperty().isNotEmpty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        progress.setMinWidth(Region.USE_PREF_SIZE); // the HUD is never cut to "step 4/2…"
        caption.setMinWidth(Region.USE_PREF_SIZE);
        HBox hud = new HBox(8, progress, spacer, caption);
        hud.getStyleClass().add("hud-bar");
        hud.setAlignment(Pos.CENTER_LEFT);
        hud.setPadding(new Insets(10, 12, 0, 12));
        hud.setMinHeight(38);

        stage.getChildren().addAll(placeholder, frame);
        root.setTop(hud);
        root.setCenter(stage);

        stage.widthProperty().addListener((o, a, b) -> fit());
        stage.heightProperty().addListener((o, a, b) -> fit());
        run.canvasProperty().addListener((o, a, img) -> show(img));
        show(run.canvasProperty().get());
    }

    public BorderPane node() {
        return root;
    }

    ImageView imageView() {
        return image;
    }

    private void show(PixelImage img) {
        image.setImage(img == null ? null : FxImages.toFx(img));
        fit();
    }

    /** Largest fit inside the area below the HUD; scaling is smooth (bilinear), never cropped. */
    private void fit() {
        image.setFitWidth(Math.max(16, stage.getWidth() - 2 * PADDING));
        image.setFitHeight(Math.max(16, stage.getHeight() - 2 * PADDING));
    }
}
