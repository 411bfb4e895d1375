package dev.atelier.ui.app;

import dev.atelier.ui.common.Notifier;

import javafx.animation.PauseTransition;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.util.Duration;

/**
 * Errors and notices in a row of their own under the toolbar: while shown it takes its own space
 * (the content moves down), so it never covers Save, Cancel, Generate or anything else. Errors stay
 * until closed or replaced; notices hide after a few seconds.
 */
final class NoticeBar implements Notifier {
    private static final Duration INFO_TIME = Duration.seconds(6);

    private final HBox root = new HBox(8);
    private final Label text = new Label();
    private final PauseTransition autoHide = new PauseTransition(INFO_TIME);

    NoticeBar() {
        root.setId("notice-bar");
        root.getStyleClass().add("notice-bar");
        root.setAlignment(Pos.CENTER_LEFT);
        text.setId("notice");
        text.getStyleClass().add("notice-text");
        text.setWrapText(true);
        text.setMaxWidth(Double.MAX_VALUE);
        HBox.setHgrow(text, Priority.ALWAYS);
        Button close = new Button("×");
        close.setId("notice-close");
        close.getStyleClass().add("icon-button");
        close.setTooltip(new Tooltip("Close"));
        close.setOnAction(e -> hide());
        root.getChildren().addAll(text, close);
        autoHide.setOnFinished(e -> hide());
        hide();
    }

    HBox node() {
        return root;
    }

    boolean isShowing() {
        return root.isVisible();
    }

    String text() {
        return text.getText();
    }

    boolean isError() {
        return root.getStyleClass().contains("notice-error");
    }

    @Override
    public void error(String message) {
        show(message, "notice-error");
        autoHide.stop(); // errors stay until dismissed or replaced
    }

    @Override
    public void info(String message) {
        show(message, "notice-info");
        autoHide.playFromStart();
    }

    void hide() {
        autoHide.stop();
        root.setVisible(false);
        root.setManaged(false);
    }

    private void show(String message, String style) {
        root.getStyleClass().removeAll("notice-error", "notice-info");
        root.getStyleClass().add(style);
        text.setText(message);
        root.setVisible(true);
        root.setManaged(true);
    }
}
