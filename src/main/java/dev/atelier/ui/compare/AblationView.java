package dev.atelier.ui.compare;

import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.VBox;

import java.util.Locale;
import dev.atelier.image.PixelImage;
import dev.atelier.ui.common.FxImages;
import java.util.List;

/**
 * Prompt ablation results: the full prompt's image, then one row per left-out field, largest effect
 * first: the field, its number, the difference heatmap and the image without the field. Static
 * once built (the result is finished), so it holds no listeners.
 */
public final class AblationView {
    private final VBox rows = new VBox(8);
    private final ScrollPane root = new ScrollPane(rows);

    public AblationView(AblationModel model, double side) {
        root.getStyleClass().add("ablation-view");
        rows.getStyleClass().add("ablation-rows");
        Label title = new Label("What each field does: the image without it against the full prompt");
        title.getStyleClass().add("ablation-title");
        rows.getChildren().addAll(title, new HBox(8, image(model.full(), side), new Label("full prompt")));
        if (!model.notRun().isEmpty()) {
            Label cancelled = new Label("Cancelled before their image was made: " + String.join(", ",
                    model.notRun().stream().map(p -> p.axisName()).toList()));
            cancelled.setId("ablation-not-run");
            cancelled.getStyleClass().add("muted");
            rows.getChildren().add(cancelled);
        }
        for (AblationModel.FieldRow r : model.rows()) {
            Label name = new Label(r.field().axisName());
            name.getStyleClass().add("ablation-field");
            Label number = new Label(String.format(Locale.ROOT, "%.2f", r.meanDifference()));
            number.getStyleClass().add("ablation-number");
            Label share = new Label(String.format(Locale.ROOT, "%.1f %% of pixels changed", 100 * r.changedShare()));
            share.getStyleClass().add("muted");
            VBox text = new VBox(2, name, number, share);
            text.setMinWidth(160);
            HBox row = new HBox(8, text, image(r.heatmap(), side), image(r.withoutField(), side));
            row.setId("ablation-" + r.field().axisName());
            row.setAlignment(Pos.CENTER_LEFT);
            row.getStyleClass().add("ablation-row");
            rows.getChildren().add(row);
        }
    }

    private static ImageView image(PixelImage p, double side) {
        ImageView v = new ImageView(FxImages.toFx(p));
        v.setFitWidth(side);
        v.setFitHeight(side);
        v.setPreserveRatio(true);
        return v;
    }

    public Node node() {
        return root;
    }

    /** The fields in the order shown (for tests and screen readers). */
    public List<String> shownFieldOrder() {
        return rows.getChildren().stream().filter(n -> n.getId() != null && n.getId().startsWith("ablation-"))
                .map(n -> n.getId().substring("ablation-".length())).toList();
    }
}
