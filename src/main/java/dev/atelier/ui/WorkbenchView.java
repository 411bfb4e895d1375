package dev.atelier.ui;

import javafx.animation.PauseTransition;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Scene;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.SplitPane;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;
import javafx.stage.FileChooser;
import javafx.util.Duration;
import org.controlsfx.control.NotificationPane;

import java.io.File;

/**
 * The window's scene graph, built in one fixed order: toolbar, prompt composer (left), canvas and
 * timeline (centre), generation controls (right), session strip (bottom), all inside a notification
 * pane that shows errors and notices. Also the {@link Notifier} the controller reports through.
 */
final class WorkbenchView implements Notifier {
    static final String CSS = "atelier.css";
    private static final Duration INFO_TIME = Duration.seconds(5);

    private final NotificationPane notifications;
    private final BorderPane layout = new BorderPane();
    private final PauseTransition autoHide = new PauseTransition(INFO_TIME);
    private final Button generate = new Button("Generate");
    private final Button cancel = new Button("Cancel");
    private final Button save = new Button("Save…");
    private CanvasView canvas;
    private TimelineView timeline;

    WorkbenchView() {
        notifications = new NotificationPane(layout);
        notifications.setId("notifications");
        notifications.getStyleClass().add(NotificationPane.STYLE_CLASS_DARK);
        notifications.setShowFromTop(true);
        notifications.setCloseButtonVisible(true);
        layout.getStyleClass().add("workbench");
        autoHide.setOnFinished(e -> notifications.hide());
    }

    /** Builds every part; called once by {@link WorkbenchApp} after the controller exists. */
    void build(WorkbenchModel model, WorkbenchController controller, RunState run) {
        layout.setTop(toolbar(model, controller, run));
        PromptComposerView composer = new PromptComposerView(model);
        canvas = new CanvasView(run);
        timeline = new TimelineView(run);
        ControlsView controls = new ControlsView(model, controller, run);
        HistoryStripView history = new HistoryStripView(controller);

        VBox centre = new VBox(canvas.node(), timeline.node());
        centre.getStyleClass().add("centre");
        VBox.setVgrow(canvas.node(), Priority.ALWAYS);
        VBox right = new VBox(controls.node());
        right.getStyleClass().add("side-panel");
        SplitPane split = new SplitPane(composer.node(), centre, right);
        split.getStyleClass().add("main-split");
        split.setDividerPositions(0.29, 0.76);
        SplitPane.setResizableWithParent(composer.node(), false);
        SplitPane.setResizableWithParent(right, false);
        layout.setCenter(split);
        layout.setBottom(history.node());
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
        generate.setTooltip(new Tooltip("Generate (Ctrl+Enter)"));
        generate.setOnAction(e -> controller.generate());
        generate.disableProperty().bind(run.runningProperty().or(model.modelProperty().isNull()));
        cancel.setId("cancel");
        cancel.setTooltip(new Tooltip("Stop after the current step (Esc)"));
        cancel.setOnAction(e -> controller.cancel());
        cancel.disableProperty().bind(run.runningProperty().not());
        save.setId("save");
        save.setTooltip(new Tooltip("Save the image as PNG with its generation parameters"));
        save.disableProperty().bind(controller.currentProperty().isNull().or(run.runningProperty()));
        save.setOnAction(e -> {
            FileChooser chooser = new FileChooser();
            chooser.setTitle("Save image");
            chooser.getExtensionFilters().add(new FileChooser.ExtensionFilter("PNG image", "*.png"));
            chooser.setInitialFileName("atelier-" + controller.currentProperty().get().job().seed() + ".png");
            File out = chooser.showSaveDialog(layout.getScene().getWindow());
            if (out != null) {
                controller.save(out.toPath());
            }
        });
        HBox bar = new HBox(10, brand, modelName, spacer, save, cancel, generate);
        bar.getStyleClass().add("toolbar");
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(8, 14, 8, 14));
        return bar;
    }

    /** Ctrl+Enter generates from anywhere (even inside a text area); Esc cancels a run. */
    void installKeys(Scene scene, WorkbenchController controller) {
        scene.addEventFilter(KeyEvent.KEY_PRESSED, e -> {
            if (e.getCode() == KeyCode.ENTER && e.isShortcutDown()) {
                controller.generate();
                e.consume();
            } else if (e.getCode() == KeyCode.ESCAPE && controller.isRunning()) {
                controller.cancel();
                e.consume();
            }
        });
    }

    NotificationPane root() {
        return notifications;
    }

    CanvasView canvas() {
        return canvas;
    }

    TimelineView timeline() {
        return timeline;
    }

    @Override
    public void error(String message) {
        show(message, "notification-error");
        autoHide.stop(); // errors stay until dismissed or replaced
    }

    @Override
    public void info(String message) {
        show(message, "notification-info");
        autoHide.playFromStart();
    }

    private void show(String message, String style) {
        notifications.getStyleClass().removeAll("notification-error", "notification-info");
        notifications.getStyleClass().add(style);
        if (notifications.isShowing()) {
            notifications.setText(message);
        } else {
            notifications.show(message);
        }
    }
}
