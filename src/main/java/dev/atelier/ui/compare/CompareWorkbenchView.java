package dev.atelier.ui.compare;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Subscription;

/**
 * The comparison workbench: the live grid, the A/B view of the two picked cells and, once a prompt
 * ablation has run, its result, as tabs. Picking a second cell opens the A/B tab. The grid can be
 * replaced (a new grid, an opened one); the old grid view's listeners go with it.
 */
public final class CompareWorkbenchView {
    /** The stylesheet the scene showing this view needs (besides the workbench's own). */
    public static final String CSS = "/dev/atelier/ui/compare.css";

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
        ablationTab.setContent(new Label("Run a prompt ablation to see what each field does."));
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

    /** Shows a finished ablation in its tab and opens it. */
    public void showAblation(AblationModel result) {
        ablationTab.setContent(new AblationView(result, 128).node());
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
