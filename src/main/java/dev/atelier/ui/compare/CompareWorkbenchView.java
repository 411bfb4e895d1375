package dev.atelier.ui.compare;

import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.Tab;
import javafx.scene.control.TabPane;
import javafx.util.Subscription;

/**
 * The comparison workbench: the live grid, the A/B view of the two picked cells and, once a prompt
 * ablation has run, its result, as tabs. Picking a second cell opens the A/B tab.
 */
public final class CompareWorkbenchView {
    /** The stylesheet the scene showing this view needs (besides the workbench's own). */
    public static final String CSS = "/dev/atelier/ui/compare.css";

    private final TabPane tabs = new TabPane();
    private final Tab abTab = new Tab("A/B");
    private final Tab ablationTab = new Tab("Ablation");
    private final LiveGridView gridView;
    private final AbView abView;
    private final Subscription openAb;

    public CompareWorkbenchView(LiveGridModel grid, AbModel ab, CompareController controller, int cellSize) {
        tabs.getStyleClass().add("compare-workbench");
        tabs.setTabClosingPolicy(TabPane.TabClosingPolicy.UNAVAILABLE);
        gridView = new LiveGridView(grid, controller, cellSize);
        abView = new AbView(ab, 2.0 * cellSize);
        Tab gridTab = new Tab("Grid", gridView.node());
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

    /** Shows a finished ablation in its tab and opens it. */
    public void showAblation(AblationModel result) {
        ablationTab.setContent(new AblationView(result, 128).node());
        tabs.getSelectionModel().select(ablationTab);
    }

    public void dispose() {
        openAb.unsubscribe();
        gridView.dispose();
        abView.dispose();
    }
}
