package dev.atelier.ui.history;

import dev.atelier.history.HistoryRecord;
import dev.atelier.history.HistoryStatus;
import javafx.beans.binding.Bindings;
import javafx.collections.SetChangeListener;
import javafx.css.PseudoClass;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.TextField;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.input.MouseEvent;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import org.controlsfx.control.GridCell;
import org.controlsfx.control.GridView;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * The history browser (replaces the session strip): every recorded generation as a thumbnail in
 * a virtualised ControlsFX {@link GridView} (only the visible cells exist, so 10 000 rows scroll
 * like 10), with search, model and favourite filters and actions on the selection. Thumbnails are
 * decoded on {@code decoder}, and a cell only takes the decoded image when it still shows the same row.
 */
public final class HistoryBrowserView {
    static final double THUMB = 84;
    /** Decoded thumbnails kept; an LRU so scrolling back is instant without holding all 10 000. */
    private static final int CACHE = 600;
    private static final PseudoClass SELECTED = PseudoClass.getPseudoClass("selected");
    private static final PseudoClass MISSING = PseudoClass.getPseudoClass("missing");

    private final VBox root = new VBox(6);
    private final GridView<HistoryRecord> grid = new GridView<>();
    private final HistoryBrowserController controller;
    private final HistoryBrowserModel model;
    private final Executor decoder;
    private final Map<Long, Image> thumbnails = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Long, Image> eldest) {
            return size() > CACHE;
        }
    };
    private Supplier<Path> exportDialog;
    /** What "Compare A/B" does with the two selected rows (set by the startup class). */
    private java.util.function.Consumer<java.util.List<HistoryRecord>> compareAction = rows -> { };

    public HistoryBrowserView(HistoryBrowserController controller, Executor decoder, Supplier<Path> exportDialog) {
        this.controller = controller;
        this.model = controller.model();
        this.decoder = decoder;
        this.exportDialog = exportDialog;
        root.setId("history-browser");
        root.getStyleClass().add("history");
        Label title = new Label("History");
        title.getStyleClass().add("section-title");
        TextField search = new TextField();
        search.setId("history-search");
        search.setPromptText("Search prompts and fields (words, \"a phrase\", OR, NOT)");
        search.textProperty().bindBidirectional(model.searchProperty());
        HBox.setHgrow(search, Priority.ALWAYS);
        ComboBox<String> models = new ComboBox<>(model.models());
        models.setId("history-model");
        models.valueProperty().bindBidirectional(model.modelProperty());
        CheckBox favourites = new CheckBox("★ only");
        favourites.setId("history-favourites");
        favourites.selectedProperty().bindBidirectional(model.favouritesOnlyProperty());
        model.searchProperty().addListener((o, a, b) -> controller.refresh());
        model.modelProperty().addListener((o, a, b) -> {
            if (b != null) {
                controller.refresh();
            }
        });
        model.favouritesOnlyProperty().addListener((o, a, b) -> controller.refresh());
        Label status = new Label();
        status.setId("history-status");
        status.getStyleClass().add("muted");
        status.textProperty().bind(model.statusProperty());
        HBox filters = new HBox(8, title, search, models, favourites, status);
        filters.setAlignment(Pos.CENTER_LEFT);

        Button star = action("history-star", "★ Favourite", "Star or un-star the selected images",
                () -> model.selectedRows().forEach(r -> controller.setFavourite(r, !r.favourite())));
        Button delete = action("history-delete", "Delete", "Move the selected images to the data folder's trash",
                () -> controller.delete(model.selectedRows()));
        Button folder = action("history-folder", "Open folder", "Show the folder of the selected image",
                () -> model.selectedRows().stream().findFirst().ifPresent(controller::openFolder));
        Button export = action("history-export", "Export…", "Copy the selected PNGs and one CSV/JSON of their settings",
                () -> {
                    Path dir = this.exportDialog.get();
                    if (dir != null) {
                        controller.export(model.selectedRows(), dir);
                    }
                });
        Button compare = new Button("Compare A/B");
        compare.setId("history-compare");
        compare.setTooltip(new Tooltip("Open the two selected images in the comparison workbench's A/B view"));
        compare.setOnAction(e -> compareAction.accept(model.selectedRows()));
        compare.disableProperty().bind(Bindings.size(model.selected()).isNotEqualTo(2));
        Label hint = new Label("Click restores · Ctrl+click selects more");
        hint.getStyleClass().add("muted");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox actions = new HBox(8, star, delete, folder, export, compare, spacer, hint);
        actions.setAlignment(Pos.CENTER_LEFT);

        grid.setId("history-grid");
        grid.getStyleClass().add("history-grid");
        grid.setItems(model.rows());
        grid.setCellWidth(THUMB);
        grid.setCellHeight(THUMB);
        grid.setHorizontalCellSpacing(4);
        grid.setVerticalCellSpacing(4);
        grid.setCellFactory(g -> new ThumbCell());
        grid.setPrefHeight(THUMB * 2 + 20);
        VBox.setVgrow(grid, Priority.ALWAYS);
        Label empty = new Label("Every finished image is kept here (history.db in the data folder).");
        empty.getStyleClass().add("muted");
        empty.visibleProperty().bind(Bindings.isEmpty(model.rows()));
        empty.managedProperty().bind(empty.visibleProperty());
        model.selected().addListener((SetChangeListener<Long>) c -> grid.lookupAll(".history-cell")
                .forEach(n -> n.pseudoClassStateChanged(SELECTED,
                        n.getUserData() instanceof Long id && model.selected().contains(id))));
        root.getChildren().addAll(filters, actions, empty, grid);
    }

    private Button action(String id, String text, String tip, Runnable run) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        b.setOnAction(e -> run.run());
        b.disableProperty().bind(Bindings.isEmpty(model.selected()));
        return b;
    }

    public VBox node() {
        return root;
    }

    GridView<HistoryRecord> grid() {
        return grid;
    }

    /** Sets what "Compare A/B" does with the two selected rows. */
    public void setCompareAction(java.util.function.Consumer<java.util.List<HistoryRecord>> action) {
        this.compareAction = action;
    }

    /** Replaces the folder chooser (tests have no native dialogs). */
    void setExportDialog(Supplier<Path> dialog) {
        this.exportDialog = dialog;
    }

    private void clicked(HistoryRecord row, MouseEvent e) {
        if (e.isShortcutDown()) {
            if (!model.selected().remove(row.id())) {
                model.selected().add(row.id());
            }
            return;
        }
        model.selected().clear();
        model.selected().add(row.id());
        controller.restore(row);
    }

    /** One thumbnail; reused for other rows as the grid scrolls. */
    private final class ThumbCell extends GridCell<HistoryRecord> {
        private final ImageView view = new ImageView();
        private final Label star = new Label("★");
        private final StackPane box = new StackPane(view, star);
        private final Tooltip tip = new Tooltip();

        ThumbCell() {
            getStyleClass().add("history-cell");
            view.setFitWidth(THUMB - 6);
            view.setFitHeight(THUMB - 6);
            view.setPreserveRatio(true);
            star.getStyleClass().add("history-star");
            StackPane.setAlignment(star, Pos.TOP_RIGHT);
            setOnMouseClicked(e -> {
                if (getItem() != null) {
                    clicked(getItem(), e);
                }
            });
        }

        @Override
        protected void updateItem(HistoryRecord row, boolean empty) {
            super.updateItem(row, empty);
            if (empty || row == null) {
                setGraphic(null);
                setTooltip(null);
                setUserData(null);
                pseudoClassStateChanged(SELECTED, false);
                return;
            }
            setUserData(row.id());
            pseudoClassStateChanged(SELECTED, model.selected().contains(row.id()));
            pseudoClassStateChanged(MISSING, row.status() != HistoryStatus.OK);
            star.setVisible(row.favourite());
            tip.setText(row.modelName() + " · " + row.width() + "×" + row.height() + " · " + row.scheduler()
                    + "\nseed " + row.seed() + " · " + row.steps() + " steps · cfg " + row.guidance()
                    + "\n#" + row.id() + " · " + row.origin() + (row.status() == HistoryStatus.OK ? "" : " · " + row.status())
                    + "\n" + abbreviate(row.prompt()));
            setTooltip(tip);
            setGraphic(box);
            Image cached = thumbnails.get(row.id());
            view.setImage(cached);
            if (cached == null && row.thumbnail().length > 0) {
                byte[] png = row.thumbnail();
                try {
                    decoder.execute(() -> {
                        Image decoded = new Image(new ByteArrayInputStream(png));
                        javafx.application.Platform.runLater(() -> {
                            thumbnails.put(row.id(), decoded);
                            if (getItem() == row) { // the cell may show another row by now
                                view.setImage(decoded);
                            }
                        });
                    });
                } catch (java.util.concurrent.RejectedExecutionException e) {
                    // the window has closed and stopped its decoder; a last layout pulse needs no thumbnail
                }
            }
        }
    }

    private static String abbreviate(String prompt) {
        return prompt.length() > 300 ? prompt.substring(0, 299) + "…" : prompt;
    }
}
