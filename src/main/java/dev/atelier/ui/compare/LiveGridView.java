package dev.atelier.ui.compare;

import dev.atelier.compare.Axis;
import dev.atelier.compare.GridCell;
import dev.atelier.compare.GridPlan;
import javafx.css.PseudoClass;
import javafx.geometry.HPos;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ContextMenu;
import javafx.scene.control.MenuItem;
import javafx.scene.input.MouseButton;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.Slider;
import javafx.scene.control.Tooltip;
import javafx.scene.image.ImageView;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

import java.util.ArrayList;
import java.util.List;

/**
 * The live grid: pages of cells under legend headers (column axis values across the top, row axis
 * values down the left, page axes as the page title), each cell showing its picture and status;
 * below, the one scrub slider, Play and Live. Built in a fixed order: toolbar, pages.
 */
public final class LiveGridView {
    private static final PseudoClass PICKED_A = PseudoClass.getPseudoClass("picked-a");
    private static final PseudoClass PICKED_B = PseudoClass.getPseudoClass("picked-b");

    private final LiveGridModel grid;
    private final CompareController controller;
    private final int cellSize;
    private final BorderPane root = new BorderPane();
    private final List<Subscription> subscriptions = new ArrayList<>();
    private boolean syncingSlider;

    public LiveGridView(LiveGridModel grid, CompareController controller, int cellSize) {
        this.grid = grid;
        this.controller = controller;
        this.cellSize = cellSize;
        root.getStyleClass().add("live-grid");
        root.setBottom(buildScrubBar());
        root.setCenter(buildPages());
    }

    public Node node() {
        return root;
    }

    /** Removes every listener this view put on the models (call when the view goes away). */
    public void dispose() {
        subscriptions.forEach(Subscription::unsubscribe);
        subscriptions.clear();
    }

    private Node buildScrubBar() {
        Button play = new Button("Play");
        play.setId("grid-play");
        play.setOnAction(e -> controller.togglePlay());
        subscriptions.add(controller.player().playingProperty().subscribe(p -> play.setText(p ? "Pause" : "Play")));

        Button live = new Button("Live");
        live.setId("grid-live");
        live.setOnAction(e -> controller.followLive());
        subscriptions.add(grid.liveProperty().subscribe(l -> live.setDisable(l)));

        Slider slider = new Slider(0, 1, grid.scrubProperty().get());
        slider.setId("grid-scrub");
        HBox.setHgrow(slider, Priority.ALWAYS);
        Label where = new Label();
        where.getStyleClass().add("scrub-position");
        subscriptions.add(grid.scrubProperty().subscribe(v -> {
            syncingSlider = true;
            slider.setValue(v.doubleValue());
            syncingSlider = false;
        }));
        subscriptions.add(grid.liveProperty().subscribe(l -> where.setText(l ? "live" : "")));
        subscriptions.add(grid.scrubProperty().subscribe(v -> {
            if (!grid.liveProperty().get()) {
                where.setText(Math.round(v.doubleValue() * 100) + " % of the denoising");
            }
        }));
        slider.valueProperty().addListener((o, was, now) -> {
            if (!syncingSlider) {
                controller.scrub(now.doubleValue());
            }
        });
        HBox bar = new HBox(8, play, live, slider, where);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.getStyleClass().add("scrub-bar");
        return bar;
    }

    private Node buildPages() {
        GridPlan plan = grid.plan();
        VBox pages = new VBox(16);
        pages.getStyleClass().add("grid-pages");
        for (int p = 0; p < plan.pages(); p++) {
            String title = plan.pageTitle(p);
            if (!title.isEmpty()) {
                Label t = new Label(title);
                t.getStyleClass().add("grid-page-title");
                pages.getChildren().add(t);
            }
            pages.getChildren().add(buildPage(plan, p));
        }
        ScrollPane scroll = new ScrollPane(pages);
        scroll.getStyleClass().add("grid-scroll");
        return scroll;
    }

    private GridPane buildPage(GridPlan plan, int page) {
        GridPane g = new GridPane();
        g.getStyleClass().add("grid-page");
        List<Axis> axes = plan.axes();
        Label corner = new Label(cornerText(axes));
        corner.getStyleClass().add("grid-corner");
        corner.setWrapText(true);
        corner.setMaxWidth(cellSize);
        g.add(corner, 0, 0);
        for (int c = 0; c < plan.columns(); c++) {
            Label h = header(axes.isEmpty() ? "" : axes.get(0).values().get(c));
            GridPane.setHalignment(h, HPos.CENTER);
            g.add(h, c + 1, 0);
        }
        for (int r = 0; r < plan.rows(); r++) {
            g.add(header(axes.size() < 2 ? "" : axes.get(1).values().get(r)), 0, r + 1);
        }
        List<GridCell> cells = plan.page(page);
        for (int i = 0; i < cells.size(); i++) {
            g.add(buildCell(grid.cell(cells.get(i).index())), i % plan.columns() + 1, i / plan.columns() + 1);
        }
        return g;
    }

    private static String cornerText(List<Axis> axes) {
        if (axes.isEmpty()) {
            return "";
        }
        return axes.size() < 2 ? axes.get(0).name() + " →" : axes.get(0).name() + " →\n" + axes.get(1).name() + " ↓";
    }

    private Label header(String text) {
        Label l = new Label(text);
        l.getStyleClass().add("grid-header");
        l.setWrapText(true);
        l.setMaxWidth(cellSize);
        return l;
    }

    private Node buildCell(LiveCell cell) {
        ImageView image = new ImageView();
        image.setFitWidth(cellSize);
        image.setFitHeight(cellSize);
        image.setPreserveRatio(true);
        image.getStyleClass().add("cell-image");
        Label status = new Label();
        status.setId("grid-cell-status-" + cell.index());
        status.getStyleClass().add("cell-status");
        status.setMaxWidth(cellSize);
        status.setWrapText(true);
        VBox box = new VBox(2, image, status);
        box.setId("grid-cell-" + cell.index());
        box.getStyleClass().add("grid-cell");
        box.setMinSize(cellSize + 8, cellSize + 8);
        Tooltip tip = new Tooltip(cell.label());
        Tooltip.install(box, tip);
        ContextMenu menu = controller.canRerun() ? rerunMenu(cell) : null;
        box.setOnMouseClicked(e -> {
            if (e.getButton() == MouseButton.PRIMARY) {
                controller.pick(cell.index());
            } else if (e.getButton() == MouseButton.SECONDARY && menu != null) {
                menu.show(box, e.getScreenX(), e.getScreenY());
            }
        });

        subscriptions.add(cell.shownImageProperty().subscribe(image::setImage));
        Runnable describe = () -> {
            status.setText(statusText(cell));
            tip.setText(cell.messageProperty().get().isEmpty() ? cell.label() : cell.label() + "\n" + statusText(cell));
            for (CellPhase p : CellPhase.values()) {
                box.pseudoClassStateChanged(PseudoClass.getPseudoClass(p.styleName()), p == cell.phase());
            }
        };
        subscriptions.add(cell.phaseProperty().subscribe(p -> describe.run()));
        subscriptions.add(cell.shownStepProperty().subscribe(s -> describe.run()));
        subscriptions.add(cell.totalStepsProperty().subscribe(s -> describe.run()));
        subscriptions.add(grid.pickedAProperty().subscribe(a -> box.pseudoClassStateChanged(PICKED_A, a.intValue() == cell.index())));
        subscriptions.add(grid.pickedBProperty().subscribe(b -> box.pseudoClassStateChanged(PICKED_B, b.intValue() == cell.index())));
        return box;
    }

    private ContextMenu rerunMenu(LiveCell cell) {
        MenuItem rerun = new MenuItem("Re-run this cell");
        rerun.setId("grid-rerun-" + cell.index());
        rerun.setOnAction(e -> controller.rerun(cell.index()));
        return new ContextMenu(rerun);
    }

    /** The status line under a cell, e.g. {@code running · step 7/20}; steps are shown 1-based. */
    static String statusText(LiveCell cell) {
        int shown = cell.shownStepProperty().get();
        String step = shown < 0 ? "" : " · step " + (shown + 1) + "/" + cell.totalStepsProperty().get();
        return switch (cell.phase()) {
            case PENDING -> "pending";
            case RUNNING -> "running" + step;
            case DONE -> "done" + step;
            case FAILED -> "failed: " + cell.messageProperty().get();
            case CANCELLED -> "cancelled" + step;
        };
    }
}
