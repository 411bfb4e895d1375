package dev.atelier.ui;

import javafx.collections.ListChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;

/** The session strip: every finished image, newest first; clicking one restores its prompt and settings. */
final class HistoryStripView {
    private static final double THUMB = 76;
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");

    private final VBox root = new VBox(6);
    private final HBox strip = new HBox(8);
    private final WorkbenchController controller;

    HistoryStripView(WorkbenchController controller) {
        this.controller = controller;
        root.setId("history");
        root.getStyleClass().add("history");
        Label title = new Label("Session");
        title.getStyleClass().add("section-title");
        Label empty = new Label("Finished images collect here; click one to restore its prompt and settings.");
        empty.getStyleClass().add("muted");
        empty.visibleProperty().bind(javafx.beans.binding.Bindings.isEmpty(controller.history()));
        empty.managedProperty().bind(empty.visibleProperty());
        strip.setId("history-strip");
        strip.setAlignment(Pos.CENTER_LEFT);
        ScrollPane scroller = new ScrollPane(strip);
        scroller.getStyleClass().add("history-scroller");
        scroller.setVbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);
        scroller.setFitToHeight(true);
        scroller.setPrefViewportHeight(THUMB + 8);
        scroller.setMinViewportHeight(THUMB + 8);
        controller.history().addListener((ListChangeListener<HistoryEntry>) this::apply);
        controller.currentProperty().addListener((o, a, b) -> highlight());
        root.getChildren().addAll(title, empty, scroller);
        rebuild();
    }

    VBox node() {
        return root;
    }

    /** Applies each change to the strip, so a finished run adds one cell instead of rebuilding all. */
    private void apply(ListChangeListener.Change<? extends HistoryEntry> c) {
        while (c.next()) {
            if (c.wasReplaced() && c.getAddedSize() == c.getRemovedSize()) {
                for (int i = c.getFrom(); i < c.getTo(); i++) {
                    bind((StackPane) strip.getChildren().get(i), controller.history().get(i));
                }
            } else {
                strip.getChildren().remove(c.getFrom(), c.getFrom() + c.getRemovedSize());
                for (int i = c.getFrom(); i < c.getFrom() + c.getAddedSize(); i++) {
                    strip.getChildren().add(i, cell(controller.history().get(i)));
                }
            }
        }
        highlight();
    }

    private void rebuild() {
        strip.getChildren().clear();
        for (HistoryEntry entry : controller.history()) {
            strip.getChildren().add(cell(entry));
        }
        highlight();
    }

    private StackPane cell(HistoryEntry entry) {
        {
            ImageView view = new ImageView(FxImages.toFx(entry.image()));
            view.setFitWidth(THUMB);
            view.setFitHeight(THUMB);
            view.setPreserveRatio(true);
            view.setSmooth(true);
            StackPane cell = new StackPane(view);
            cell.getStyleClass().add("history-cell");
            Tooltip.install(cell, new Tooltip(entry.summary()));
            bind(cell, entry);
            return cell;
        }
    }

    /** The entry behind a cell changes when an old entry drops its step previews. */
    private void bind(StackPane cell, HistoryEntry entry) {
        cell.setUserData(entry);
        cell.setOnMouseClicked(e -> controller.restore(entry));
    }

    private void highlight() {
        HistoryEntry current = controller.currentProperty().get();
        for (var node : strip.getChildren()) {
            node.pseudoClassStateChanged(SELECTED, node.getUserData() == current);
        }
    }
}
