package dev.atelier.ui.queue;

import dev.atelier.job.JobState;
import javafx.beans.binding.Bindings;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.ProgressBar;
import javafx.scene.control.Tooltip;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

/**
 * The queue panel: running and pending jobs in the order they will run, then the ended ones; per
 * row its progress, cancel, and move up/down while pending; "Clear done" drops the ended rows.
 */
public final class QueueView {
    private final VBox root = new VBox(6);
    private final ListView<QueueItem> list;
    private final GenerationController generation;

    public QueueView(GenerationController generation) {
        this.generation = generation;
        root.setId("queue");
        root.getStyleClass().add("queue");
        Label title = new Label("Queue");
        title.getStyleClass().add("section-title");
        Label counts = new Label();
        counts.getStyleClass().add("muted");
        counts.textProperty().bind(Bindings.createStringBinding(() -> {
            long waiting = generation.items().stream().filter(i -> !i.stateProperty().get().isFinal()).count();
            return waiting == 0 ? "idle" : waiting + " to do";
        }, generation.items()));
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        Button clear = new Button("Clear done");
        clear.setId("queue-clear");
        clear.setOnAction(e -> generation.clearDone());
        HBox header = new HBox(8, title, counts, spacer, clear);
        header.setAlignment(Pos.CENTER_LEFT);
        list = new ListView<>(generation.items());
        list.setId("queue-list");
        list.getStyleClass().add("queue-list");
        list.setCellFactory(v -> new JobCell());
        list.setPlaceholder(new Label("Generate adds jobs here; they run one after another."));
        list.setPrefHeight(170);
        VBox.setVgrow(list, Priority.ALWAYS);
        root.getChildren().addAll(header, list);
    }

    public VBox node() {
        return root;
    }

    ListView<QueueItem> list() {
        return list;
    }

    /** One job: title, state, progress and its buttons; bound to whichever item it shows now. */
    private final class JobCell extends ListCell<QueueItem> {
        private final Label title = new Label();
        private final Label details = new Label();
        private final Label state = new Label();
        private final ProgressBar progress = new ProgressBar(0);
        private final Button cancel = new Button("✕");
        private final Button up = new Button("▲");
        private final Button down = new Button("▼");
        private final HBox box;
        private QueueItem bound;

        JobCell() {
            getStyleClass().add("queue-cell");
            title.getStyleClass().add("queue-title");
            title.setMaxWidth(Double.MAX_VALUE);
            title.setMinWidth(0); // a long prompt is cut with "…", never pushing the buttons out of view
            title.setPrefWidth(0);
            setPrefWidth(0); // the row fits the list's width: no horizontal scrolling
            details.getStyleClass().add("queue-details");
            details.setMaxWidth(Double.MAX_VALUE);
            details.setMinWidth(0);
            details.setPrefWidth(0);
            // two lines, so the prompt and the seed both stay readable in a narrow panel
            VBox text = new VBox(1, title, details);
            text.setMinWidth(0);
            text.setPrefWidth(0);
            HBox.setHgrow(text, Priority.ALWAYS);
            state.getStyleClass().add("queue-state");
            progress.setPrefWidth(48); // narrow: the text beside it is what tells jobs apart
            cancel.getStyleClass().add("queue-cancel");
            up.getStyleClass().add("queue-up");
            down.getStyleClass().add("queue-down");
            cancel.setTooltip(new Tooltip("Cancel this job"));
            up.setTooltip(new Tooltip("Run earlier"));
            down.setTooltip(new Tooltip("Run later"));
            cancel.setOnAction(e -> act(i -> generation.cancel(i.id())));
            up.setOnAction(e -> act(i -> generation.moveUp(i.id())));
            down.setOnAction(e -> act(i -> generation.moveDown(i.id())));
            box = new HBox(6, text, state, progress, up, down, cancel);
            box.setAlignment(Pos.CENTER_LEFT);
        }

        private void act(java.util.function.Consumer<QueueItem> action) {
            if (bound != null) {
                action.accept(bound);
            }
        }

        @Override
        protected void updateItem(QueueItem item, boolean empty) {
            super.updateItem(item, empty);
            if (bound != null) {
                state.textProperty().unbind();
                progress.progressProperty().unbind();
                cancel.disableProperty().unbind();
                up.disableProperty().unbind();
                down.disableProperty().unbind();
                tooltipProperty().unbind();
            }
            bound = empty ? null : item;
            if (bound == null) {
                setGraphic(null);
                return;
            }
            title.setText(item.headline());
            details.setText(item.details());
            state.textProperty().bind(Bindings.createStringBinding(() -> item.stateProperty().get().name().toLowerCase(java.util.Locale.ROOT),
                    item.stateProperty()));
            progress.progressProperty().bind(item.progressProperty());
            var ended = Bindings.createBooleanBinding(() -> item.stateProperty().get().isFinal(), item.stateProperty());
            var notPending = Bindings.createBooleanBinding(() -> item.stateProperty().get() != JobState.PENDING,
                    item.stateProperty());
            cancel.disableProperty().bind(ended);
            up.disableProperty().bind(notPending);
            down.disableProperty().bind(notPending);
            Tooltip tip = new Tooltip();
            tip.textProperty().bind(Bindings.createStringBinding(() -> item.title()
                    + (item.noteProperty().get().isEmpty() ? "" : "\n" + item.noteProperty().get()), item.noteProperty()));
            setTooltip(tip);
            setGraphic(box);
        }
    }
}
