package dev.atelier.ui.canvas;

import dev.atelier.pipeline.StepState;
import dev.atelier.ui.common.FxImages;

import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.ToggleButton;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.SegmentedButton;

/**
 * Scrubs through a run: a slider over every step (the last position is the live/final image), a
 * filmstrip of step thumbnails, and a switch between the noisy latents and the predicted x0.
 */
public final class TimelineView {
    private static final double THUMB = 56;

    private final VBox root = new VBox(6);
    private final Slider slider = new Slider(0, 0, 0);
    private final HBox strip = new HBox(4);
    private final ScrollPane scroller = new ScrollPane(strip);
    private final RunState run;

    public TimelineView(RunState run) {
        this.run = run;
        root.getStyleClass().add("timeline");
        root.setId("timeline");

        Label title = new Label("Timeline");
        title.getStyleClass().add("section-title");
        ToggleButton latents = new ToggleButton("Latents");
        latents.setId("show-latents");
        ToggleButton x0 = new ToggleButton("Predicted x0");
        x0.setId("show-x0");
        SegmentedButton mode = new SegmentedButton(latents, x0);
        mode.getStyleClass().add(SegmentedButton.STYLE_CLASS_DARK);
        (run.showPredictedProperty().get() ? x0 : latents).setSelected(true);
        x0.selectedProperty().addListener((o, a, sel) -> run.showPredictedProperty().set(sel));
        run.showPredictedProperty().addListener((o, a, sel) -> {
            (sel ? x0 : latents).setSelected(true);
            rebuildAll(); // thumbnails show what the canvas shows
        });
        // A segmented button must always have one side selected.
        latents.setOnAction(e -> latents.setSelected(true));
        x0.setOnAction(e -> x0.setSelected(true));

        Label position = new Label();
        position.setId("timeline-position");
        position.getStyleClass().add("muted");
        position.textProperty().bind(run.captionProperty());
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(10, title, position, spacer, mode);
        header.setAlignment(Pos.CENTER_LEFT);

        slider.setId("timeline-slider");
        slider.setBlockIncrement(1);
        slider.setMajorTickUnit(1);
        slider.setMinorTickCount(0);
        slider.setSnapToTicks(true);
        slider.disableProperty().bind(javafx.beans.binding.Bindings.isEmpty(run.frames()));
        slider.valueProperty().addListener((o, a, v) -> {
            int i = (int) Math.round(v.doubleValue());
            if (i != run.positionProperty().get()) {
                run.positionProperty().set(i);
            }
        });
        run.positionProperty().addListener((o, a, v) -> {
            if ((int) Math.round(slider.getValue()) != v.intValue()) {
                slider.setValue(v.intValue());
            }
            if (run.isLive()) {
                scroller.setHvalue(scroller.getHmax()); // keep the newest step in view
            }
            highlight();
        });

        strip.setId("filmstrip");
        strip.getStyleClass().add("filmstrip");
        strip.setAlignment(Pos.CENTER_LEFT);
        scroller.getStyleClass().add("filmstrip-scroller");
        scroller.setFitToHeight(true);
        scroller.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.setPrefViewportHeight(THUMB + 10);
        scroller.setMinViewportHeight(THUMB + 10);

        run.frames().addListener((ListChangeListener<StepState>) c -> rebuild(c));
        Label empty = new Label("Every step of a run appears here; scrub back through them during and after it.");
        empty.getStyleClass().add("muted");
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(run.frames()));
        empty.managedProperty().bind(empty.visibleProperty());
        scroller.visibleProperty().bind(empty.visibleProperty().not());
        scroller.managedProperty().bind(scroller.visibleProperty());
        root.getChildren().addAll(header, slider, empty, scroller);
        rebuildAll();
    }

    public VBox node() {
        return root;
    }

    Slider slider() {
        return slider;
    }

    private void rebuild(ListChangeListener.Change<? extends StepState> change) {
        boolean appendOnly = true;
        while (change.next()) {
            appendOnly &= change.wasAdded() && !change.wasRemoved() && change.getFrom() == strip.getChildren().size();
        }
        if (appendOnly) {
            for (int i = strip.getChildren().size(); i < run.frames().size(); i++) {
                strip.getChildren().add(thumb(run.frames().get(i), i));
            }
        } else {
            rebuildAll();
        }
        slider.setMax(run.frames().size());
        slider.setValue(run.positionProperty().get());
        highlight();
    }

    private void rebuildAll() {
        strip.getChildren().clear();
        for (int i = 0; i < run.frames().size(); i++) {
            strip.getChildren().add(thumb(run.frames().get(i), i));
        }
        slider.setMax(run.frames().size());
        highlight();
    }

    private StackPane thumb(StepState frame, int index) {
        ImageView view = new ImageView(FxImages.toFx(run.images().shown(frame, run.showPredictedProperty().get())));
        view.setFitWidth(THUMB);
        view.setFitHeight(THUMB);
        view.setPreserveRatio(true);
        view.setSmooth(true);
        StackPane cell = new StackPane(view);
        cell.getStyleClass().add("film-cell");
        cell.setAccessibleText(StepImages.label(frame)); // no tooltip per cell: dozens of popups would slow each step
        cell.setOnMouseClicked(e -> run.positionProperty().set(index));
        return cell;
    }

    private void highlight() {
        int selected = run.positionProperty().get();
        for (int i = 0; i < strip.getChildren().size(); i++) {
            strip.getChildren().get(i).pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("selected"), i == selected);
        }
    }
}
