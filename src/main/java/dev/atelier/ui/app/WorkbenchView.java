package dev.atelier.ui.app;

import javafx.beans.binding.Bindings;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.TextInputControl;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.DirectoryChooser;
import javafx.stage.FileChooser;
import javafx.scene.control.Spinner;
import dev.atelier.job.Batches;
import dev.atelier.ui.canvas.CanvasView;
import dev.atelier.ui.canvas.RunState;
import dev.atelier.ui.canvas.TimelineView;
import dev.atelier.ui.common.Notifier;
import dev.atelier.ui.composer.PromptComposerView;
import dev.atelier.ui.controls.ControlInput;
import dev.atelier.ui.controls.ControlsView;
import dev.atelier.ui.history.HistoryBrowserController;
import dev.atelier.ui.history.HistoryBrowserView;
import dev.atelier.ui.queue.QueueView;
import java.util.concurrent.Executor;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Function;

/**
 * The window's scene graph, built in one fixed order: toolbar, prompt composer (left), canvas and
 * timeline (centre), generation controls (right), queue panel and history browser (bottom); a notice bar under the
 * toolbar and a help overlay listing the shortcuts. What is not on screen at first (the side panels behind
 * the Controls tab, the help overlay) joins the scene when first shown, so the first frame styles and lays
 * out only what it shows. Also the {@link Notifier} the controller reports through.
 */
public final class WorkbenchView implements Notifier {
    static final String CSS = "/dev/atelier/ui/atelier.css";
    /** Shortcut and what it does, as the help overlay lists them. */
    static final List<String[]> SHORTCUTS = List.of(
            new String[] {"Ctrl+Enter", "Generate (also inside a text field)"},
            new String[] {"Esc", "Cancel the running job (stops before the next step); closes this help"},
            new String[] {"Ctrl+S", "Save the image as PNG with its parameters"},
            new String[] {"F1 or ?", "Show or hide this list of shortcuts"});

    private final StackPane root;
    private final BorderPane layout = new BorderPane();
    private final NoticeBar notices = new NoticeBar();
    /** The shortcut list; built when first shown. */
    private VBox help;
    private final Button generate = new Button("Generate");
    private final Button cancel = new Button("Cancel");
    private final Button save = new Button("Save…");
    private final Spinner<Integer> batch = new Spinner<>(1, Batches.MAX_COUNT, 1);
    private CanvasView canvas;
    /** The Controls tab and the panels beside it (library, inspector), added before {@link #build}. */
    private final javafx.scene.control.TabPane side = new javafx.scene.control.TabPane();
    private final List<javafx.scene.control.Tab> panels = new java.util.ArrayList<>();
    private final List<javafx.scene.Node> underPrompt = new java.util.ArrayList<>();
    /** Actions beside the model name in the toolbar (the comparison workbench's button). */
    private final List<javafx.scene.Node> toolbarActions = new java.util.ArrayList<>();
    private TimelineView timeline;
    private QueueView queue;
    private HistoryBrowserView history;

    /** Asks where to save (a file chooser in the app); null when the user cancels. */
    private Function<String, Path> saveDialog = this::chooseSaveFile;

    WorkbenchView() {
        layout.getStyleClass().add("workbench");
        root = new StackPane(layout);
        root.setId("workbench-root");
    }

    private VBox buildHelp() {
        VBox overlay = new VBox(8);
        overlay.setId("help-overlay");
        overlay.getStyleClass().add("help-overlay");
        overlay.setAlignment(Pos.CENTER);
        GridPane keys = new GridPane();
        keys.getStyleClass().add("help-keys");
        keys.setHgap(18);
        keys.setVgap(8);
        int row = 0;
        for (String[] s : SHORTCUTS) {
            Label key = new Label(s[0]);
            key.getStyleClass().add("help-key");
            key.setMinWidth(Region.USE_PREF_SIZE);
            keys.addRow(row++, key, new Label(s[1]));
        }
        Label title = new Label("Keyboard shortcuts");
        title.getStyleClass().add("section-title");
        VBox card = new VBox(12, title, keys, new Label("Click anywhere or press Esc to close."));
        card.getStyleClass().add("help-card");
        card.setMaxSize(Region.USE_PREF_SIZE, Region.USE_PREF_SIZE);
        overlay.getChildren().add(card);
        overlay.setOnMouseClicked(e -> showHelp(false));
        return overlay;
    }

    void showHelp(boolean on) {
        if (on && help == null) {
            help = buildHelp();
            root.getChildren().add(help);
        }
        if (help != null) {
            help.setVisible(on);
        }
    }

    boolean helpShowing() {
        return help != null && help.isVisible();
    }

    NoticeBar notices() {
        return notices;
    }

    /** Replaces the file chooser (tests have no native dialogs). */
    void setSaveDialog(Function<String, Path> dialog) {
        this.saveDialog = dialog;
    }

    /**
     * Adds a panel as a tab beside the controls; call before {@link #build}. {@code content} joins the
     * scene when the tab is first selected: until then it gets no CSS pass, skins or layout.
     */
    void addPanel(String title, javafx.scene.Node content) {
        javafx.scene.control.Tab tab = new javafx.scene.control.Tab(title);
        tab.setClosable(false);
        tab.setId("tab-" + title.toLowerCase(java.util.Locale.ROOT));
        tab.selectedProperty().addListener(new javafx.beans.InvalidationListener() {
            @Override
            public void invalidated(javafx.beans.Observable selected) {
                if (tab.isSelected()) {
                    tab.selectedProperty().removeListener(this);
                    javafx.scene.control.ScrollPane scroll = new javafx.scene.control.ScrollPane(content);
                    scroll.setFitToWidth(true);
                    tab.setContent(scroll);
                    // skins now, not at the next pulse: the panel's controls can be looked up once this returns
                    scroll.applyCss();
                }
            }
        });
        panels.add(tab); // into the tab pane after Controls: the first tab added is selected, hence built
    }

    /** Brings the panel {@code title} to the front. */
    public void showPanel(String title) {
        side.getTabs().stream().filter(t -> t.getText().equals(title)).findFirst()
                .ifPresent(t -> side.getSelectionModel().select(t));
    }

    /** Adds a line under the assembled prompt (the expansion count); call before {@link #build}. */
    void addUnderPrompt(javafx.scene.Node line) {
        underPrompt.add(line);
    }

    /** Adds an action to the toolbar, after the model name; call before {@link #build}. */
    void addToolbarAction(javafx.scene.Node action) {
        toolbarActions.add(action);
    }

    /** Builds every part; called once by {@link WorkbenchApp} after the controller exists. */
    void build(WorkbenchModel model, WorkbenchController controller, RunState run, HistoryBrowserController browser,
               Executor thumbnails) {
        layout.setTop(new VBox(toolbar(model, controller, run), notices.node()));
        PromptComposerView composer = new PromptComposerView(model);
        underPrompt.forEach(composer::addUnderPrompt);
        canvas = new CanvasView(run);
        timeline = new TimelineView(run);
        ControlsView controls = new ControlsView(model, controller, run);
        queue = new QueueView(controller.generation());
        history = new HistoryBrowserView(browser, thumbnails, this::chooseExportFolder);

        VBox centre = new VBox(canvas.node(), timeline.node());
        centre.getStyleClass().add("centre");
        VBox.setVgrow(canvas.node(), Priority.ALWAYS);
        VBox right = new VBox(controls.node());
        if (!panels.isEmpty()) {
            javafx.scene.control.Tab tab = new javafx.scene.control.Tab("Controls", controls.node());
            tab.setClosable(false);
            side.getTabs().add(tab);
            side.getTabs().addAll(panels);
            side.getSelectionModel().selectFirst();
            side.getStyleClass().add("side-tabs");
            right = new VBox(side);
            VBox.setVgrow(side, Priority.ALWAYS);
        }
        right.getStyleClass().add("side-panel");
        SplitPane split = new SplitPane(composer.node(), centre, right);
        split.getStyleClass().add("main-split");
        split.setDividerPositions(0.29, 0.76);
        SplitPane.setResizableWithParent(composer.node(), false);
        SplitPane.setResizableWithParent(right, false);
        layout.setCenter(split);
        SplitPane bottom = new SplitPane(queue.node(), history.node());
        bottom.setId("bottom-split");
        bottom.getStyleClass().add("bottom-split");
        bottom.setDividerPositions(0.34);
        bottom.setPrefHeight(250);
        layout.setBottom(bottom);
    }

    private HBox toolbar(WorkbenchModel model, WorkbenchController controller, RunState run) {
        Label brand = new Label("Atelier");
        brand.getStyleClass().add("brand");
        Label modelName = new Label();
        modelName.getStyleClass().add("toolbar-model");
        modelName.textProperty().bind(javafx.beans.binding.Bindings.createStringBinding(
                () -> model.modelProperty().get() == null ? "no model" : model.modelProperty().get().name(),
                model.modelProperty()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);

        generate.setId("generate");
        generate.getStyleClass().add("accent");
        Tooltip generateTip = new Tooltip();
        generateTip.textProperty().bind(Bindings.createStringBinding(() -> model.problemsProperty().get().isEmpty()
                ? "Generate (Ctrl+Enter)" : "Cannot generate: " + String.join("; ", model.problemsProperty().get().values()),
                model.problemsProperty()));
        generate.setTooltip(generateTip);
        generate.setOnAction(e -> controller.generate());
        // not disabled while running: Generate then queues another job
        generate.disableProperty().bind(model.modelProperty().isNull()
                .or(Bindings.createBooleanBinding(() -> !model.problemsProperty().get().isEmpty(), model.problemsProperty())));
        // A disabled button shows no tooltip: the reason is also written beside it.
        Label blocked = new Label();
        blocked.setId("generate-blocked");
        blocked.getStyleClass().add("generate-blocked");
        blocked.setMinWidth(Region.USE_PREF_SIZE);
        blocked.textProperty().bind(Bindings.createStringBinding(() -> model.problemsProperty().get().isEmpty() ? ""
                : "Fix " + String.join(", ", model.problemsProperty().get().keySet().stream().map(ControlInput::label).toList())
                + " to generate", model.problemsProperty()));
        blocked.visibleProperty().bind(blocked.textProperty().isNotEmpty());
        blocked.managedProperty().bind(blocked.visibleProperty());
        cancel.setId("cancel");
        cancel.setTooltip(new Tooltip("Stop the running job after its current step (Esc); queued jobs go on"));
        cancel.setOnAction(e -> controller.cancel());
        cancel.disableProperty().bind(run.runningProperty().not());
        save.setId("save");
        save.setTooltip(new Tooltip("Save the image as PNG with its generation parameters"));
        save.disableProperty().bind(controller.currentProperty().isNull().or(run.runningProperty()));
        save.setOnAction(e -> {
            Path out = saveDialog.apply("atelier-" + controller.currentProperty().get().settings().seed() + ".png");
            if (out != null) {
                controller.save(out);
            }
        });
        batch.setId("batch-count");
        batch.setEditable(true);
        batch.setPrefWidth(70);
        batch.setTooltip(new Tooltip("Images per Generate: seeds s, s+1, … (batch count)"));
        batch.getValueFactory().valueProperty().addListener((o, a, b) -> model.batchCountProperty().set(b));
        model.batchCountProperty().addListener((o, a, b) -> batch.getValueFactory().setValue(b.intValue()));
        Label times = new Label("×");
        times.getStyleClass().add("muted");
        HBox bar = new HBox(10, brand, modelName);
        bar.getChildren().addAll(toolbarActions);
        bar.getChildren().addAll(spacer, blocked, save, cancel, times, batch, generate);
        bar.getStyleClass().add("toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 14, 8, 14));
        return bar;
    }

    private Path chooseExportFolder() {
        DirectoryChooser chooser = new DirectoryChooser();
        chooser.setTitle("Export the selected images to");
        File dir = chooser.showDialog(layout.getScene().getWindow());
        return dir == null ? null : dir.toPath();
    }

    private Path chooseSaveFile(String suggested) {
        FileChooser chooser = new FileChooser();
        chooser.setTitle("Save image");
        chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
        chooser.setInitialFileName(suggested);
        File out = chooser.showSaveDialog(layout.getScene().getWindow());
        return out == null ? null : out.toPath();
    }

    /**
     * Ctrl+Enter generates from anywhere (even inside a text area); Esc cancels a run or closes the
     * help; Ctrl+S saves; F1 (or ? outside a text field) toggles the shortcut list.
     */
    void installKeys(Scene scene, WorkbenchController controller) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                controller.generate();
                e.consume();
            } else if (e.getCode() == KeyCode.S && e.isShortcutDown()) {
                save.fire(); // does nothing while Save is disabled
                e.consume();
            } else if (e.getCode() == KeyCode.F1) {
                showHelp(!helpShowing());
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && helpShowing()) {
                showHelp(false);
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && controller.isRunning()) {
                controller.cancel();
                e.consume();
            }
        });
        scene.addEventFilter(KeyEvent.KEY_TYPED, e -> {
            if ("?".equals(e.getCharacter()) && !(scene.getFocusOwner() instanceof TextInputControl)) {
                showHelp(!helpShowing());
                e.consume();
            }
        });
    }

    public StackPane root() {
        return root;
    }

    CanvasView canvas() {
        return canvas;
    }

    QueueView queue() {
        return queue;
    }

    HistoryBrowserView history() {
        return history;
    }

    TimelineView timeline() {
        return timeline;
    }

    @Override
    public void error(String message) {
        notices.error(message);
    }

    @Override
    public void info(String message) {
        notices.info(message);
    }
}
