package dev.atelier.ui.library;

import dev.atelier.ui.common.UserMessages;
import dev.atelier.wildcard.PromptExpander;
import javafx.beans.value.ObservableValue;
import javafx.scene.Node;
import javafx.scene.control.Label;

import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.function.Function;

/**
 * Under the assembled prompt: how many prompts it expands to when it has {@code {a|b}} variants or
 * {@code __name__} wildcards ({@link PromptExpander#count}). Counted on the worker thread (wildcards
 * are files); only the answer for the newest text is shown. Hidden for a plain prompt.
 */
public final class ExpansionCountView {
    private final Label label = new Label();
    private final PromptExpander expander;
    private final Executor worker;
    private final Executor ui;
    private long generation;

    /**
     * @param source the composer's prompt as the model holds it (listened to directly: a binding made
     *               for this view alone would be garbage-collected, it is only weakly referenced)
     * @param text   the text to count, from the source's value
     */
    public <T> ExpansionCountView(ObservableValue<T> source, Function<T, String> text, PromptExpander expander,
                                  Executor worker, Executor ui) {
        this.expander = Objects.requireNonNull(expander, "expander");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.ui = Objects.requireNonNull(ui, "ui");
        label.setId("expansion-count");
        label.getStyleClass().add("expansion-count");
        label.setWrapText(true);
        label.getStylesheets().add(Objects.requireNonNull(ExpansionCountView.class.getResource(LibraryView.CSS)).toExternalForm());
        label.managedProperty().bind(label.visibleProperty());
        label.setVisible(false);
        source.addListener((o, a, value) -> count(text.apply(value)));
        count(text.apply(source.getValue()));
    }

    private void count(String text) {
        long mine = ++generation;
        String template = text == null ? "" : text;
        worker.execute(() -> {
            String shown;
            boolean error = false;
            try {
                if (!PromptExpander.isDynamic(template)) {
                    shown = "";
                } else {
                    long n = expander.count(template);
                    shown = "Expands to " + (n == Long.MAX_VALUE ? "more than 9.2e18" : String.format("%,d", n))
                            + (n == 1 ? " prompt" : " prompts");
                }
            } catch (RuntimeException e) {
                shown = "Variants: " + UserMessages.describe(e);
                error = true;
            }
            String result = shown;
            boolean failed = error;
            ui.execute(() -> show(mine, result, failed));
        });
    }

    private void show(long mine, String text, boolean error) {
        if (mine != generation) {
            return;
        }
        label.setText(text);
        label.getStyleClass().remove("expansion-error");
        if (error) {
            label.getStyleClass().add("expansion-error");
        }
        label.setVisible(!text.isEmpty());
    }

    public Node node() {
        return label;
    }
}
