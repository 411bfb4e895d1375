package dev.atelier.ui.compare;

import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.VBox;
import javafx.util.Subscription;

/**
 * The comparison workbench: the live grid, the A/B view of the two picked cells and, once a prompt
 * ablation has run, its result, as tabs. Picking a second cell opens the A/B tab. The grid can be
 * replaced (a new grid, an opened one); the old grid view's listeners go with it.
 */
public final class CompareWorkbenchView {
    /** The stylesheet the scene showing this view needs (besides the workbench's own). */
    public static final String CSS = "/dev/atelier/ui/compare.css";
    private static final String ABLATION_HINT = "Run a prompt ablation to see what each field does.";

    private final TabPane tabs = new TabPane();
    private final Tab gridTab = new Tab("Grid");
    private final Tab abTab = new Tab("A/B");
    private final Tab ablationTab = new Tab("Ablation");
    private final int cellSize;
    private final AbView abView;
    private final Subscription openAb;
    private LiveGridView gridView;

    /** The workbench showing {@code grid}. */
    public CompareWorkbenchView(LiveGridModel grid, AbModel ab, CompareController controller, int cellSize) {
        this(ab, cellSize);
        showGrid(grid, controller);
    }

    /** The workbench before any grid: the Grid tab says how to make one. */
    public CompareWorkbenchView(AbModel ab, int cellSize) {
        this.cellSize = cellSize;
        tabs.getStyleClass().add("compare-workbench");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        abView = new AbView(ab, 2.0 * cellSize);
        gridTab.setContent(new Label("Type an axis above and press Start, or open a saved grid."));
        abTab.setContent(abView.node());
        ablationTab.setContent(new Label(ABLATION_HINT));
        tabs.getTabs().addAll(gridTab, abTab, ablationTab);
        openAb = ab.rightProperty().subscribe(r -> {
            if (r != null) {
                tabs.getSelectionModel().select(abTab);
            }
        });
    }

    public Node node() {
        return tabs;
    }

    /** Shows {@code grid} in the Grid tab (disposing the grid shown before) and opens the tab. */
    public void showGrid(LiveGridModel grid, CompareController controller) {
        if (gridView != null) {
            gridView.dispose();
        }
        gridView = new LiveGridView(grid, controller, cellSize);
        gridTab.setContent(gridView.node());
        tabs.getSelectionModel().select(gridTab);
    }

    /** Opens the A/B tab. */
    public void showAb() {
        tabs.getSelectionModel().select(abTab);
    }

    /** Shows a finished ablation in its tab and opens it; null: the tab's hint again. */
    public void showAblation(AblationModel result) {
        ablationTab.setContent(result == null ? new Label(ABLATION_HINT) : new AblationView(result, 128).node());
        tabs.getSelectionModel().select(ablationTab);
    }

    /**
     * Shows an ablation of {@code images} images running, with a Cancel that runs {@code cancel}
     * (its images not made yet are cancelled; those made are kept and shown when it ends).
     */
    public void showAblationRunning(int images, Runnable cancel) {
        Label what = new Label("Ablation running: " + images + " images (the full prompt and each field left out)…");
        what.setId("ablation-running");
        Button stop = new Button("Cancel ablation");
        stop.setId("ablation-cancel");
        stop.setTooltip(new Tooltip("Cancel the ablation's images not made yet; those made are kept and ranked"));
        stop.setOnAction(e -> {
            stop.setDisable(true);
            cancel.run();
        });
        VBox running = new VBox(8, what, stop);
        running.getStyleClass().add("ablation-running");
        ablationTab.setContent(running);
        tabs.getSelectionModel().select(ablationTab);
    }

    public void dispose() {
        openAb.unsubscribe();
        if (gridView != null) {
            gridView.dispose();
        }
        abView.dispose();
    }
}
