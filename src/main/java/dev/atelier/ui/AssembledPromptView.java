package dev.atelier.ui;

import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.StackPane;
import javafx.scene.layout.VBox;
import javafx.scene.text.Text;
import javafx.scene.text.TextFlow;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The prompt exactly as it will be sent. Read mode tints each field's text and marks, in place, the
 * tokens that fall past the first 75-token chunk or are truncated; "Edit as text" swaps in a text
 * area whose content then replaces the fields until "Use fields" is pressed.
 */
final class AssembledPromptView {
    private final VBox root = new VBox(6);
    private final TextFlow flow = new TextFlow();
    private final TextArea editor = new TextArea();
    private final Label total = new Label();
    private final Label overflow = new Label();
    private final WorkbenchModel model;

    AssembledPromptView(WorkbenchModel model) {
        this.model = model;
        root.getStyleClass().add("assembled");

        Label title = new Label("Prompt");
        title.getStyleClass().add("section-title");
        total.setId("token-total");
        total.getStyleClass().add("token-total");
        ToggleButton edit = new ToggleButton("Edit as text");
        edit.setMinWidth(Region.USE_PREF_SIZE);
        edit.setId("edit-prompt");
        edit.getStyleClass().add("small-button");
        Button useFields = new Button("Use fields");
        useFields.setMinWidth(Region.USE_PREF_SIZE);
        useFields.setId("use-fields");
        useFields.getStyleClass().add("small-button");
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(8, title, spacer, edit, useFields);
        header.setAlignment(Pos.CENTER_LEFT);

        flow.setId("assembled-prompt");
        flow.getStyleClass().add("prompt-flow");
        editor.setId("prompt-editor");
        editor.getStyleClass().add("prompt-editor");
        editor.setWrapText(true);
        editor.setPrefRowCount(4);
        StackPane body = new StackPane(flow, editor);
        body.getStyleClass().add("prompt-body");

        overflow.setId("token-overflow");
        overflow.getStyleClass().add("token-warning");
        overflow.setWrapText(true);

        // Edit mode: the text area holds the prompt; typing in it makes the prompt "edited".
        edit.selectedProperty().addListener((o, a, on) -> {
            if (on && model.editedPromptProperty().get() == null) {
                editor.setText(model.assembledProperty().get().text());
            }
            showEditor(on);
        });
        editor.textProperty().addListener((o, a, text) -> {
            if (edit.isSelected() && !text.equals(model.assembledProperty().get().text())) {
                model.editedPromptProperty().set(text);
            }
        });
        useFields.disableProperty().bind(model.editedPromptProperty().isNull());
        useFields.setOnAction(e -> {
            model.editedPromptProperty().set(null);
            edit.setSelected(false);
        });
        model.editedPromptProperty().addListener((o, a, text) -> {
            if (text != null && !edit.isSelected()) {
                edit.setSelected(true);
            }
            if (text != null && !text.equals(editor.getText())) {
                editor.setText(text);
            }
        });
        model.assembledProperty().addListener((o, a, b) -> render());
        model.budgetProperty().addListener((o, a, b) -> render());
        showEditor(false);
        root.getChildren().addAll(header, body, total, overflow);
        render();
    }

    VBox node() {
        return root;
    }

    private void showEditor(boolean on) {
        editor.setVisible(on);
        editor.setManaged(on);
        flow.setVisible(!on);
        flow.setManaged(!on);
    }

    private void render() {
        AssembledPrompt prompt = model.assembledProperty().get();
        TokenBudget budget = model.budgetProperty().get();
        List<Text> runs = new ArrayList<>();
        String text = prompt.text();
        // Split the text at every field and marked-range boundary, then style each piece.
        List<int[]> marked = markedRanges(budget.positive());
        int pos = 0;
        while (pos < text.length()) {
            int end = text.length();
            int[] inMark = null;
            for (int[] m : marked) {
                if (m[0] <= pos && pos < m[1]) {
                    inMark = m;
                    end = Math.min(end, m[1]);
                } else if (m[0] > pos) {
                    end = Math.min(end, m[0]);
                }
            }
            for (AssembledPrompt.FieldSpan s : prompt.spans()) {
                if (s.start() > pos) {
                    end = Math.min(end, s.start());
                }
                if (s.end() > pos) {
                    end = Math.min(end, s.end());
                }
            }
            Text run = new Text(text.substring(pos, end));
            PromptField field = prompt.fieldAt(pos);
            run.getStyleClass().addAll("prompt-text", field == null ? "field-separator" : field.cssClass());
            if (inMark != null) {
                run.getStyleClass().add(inMark[2] == 1 ? "token-truncated" : "token-overflow");
            }
            runs.add(run);
            pos = end;
        }
        if (runs.isEmpty()) {
            Text empty = new Text("(empty prompt)");
            empty.getStyleClass().addAll("prompt-text", "muted-text");
            runs.add(empty);
        }
        flow.getChildren().setAll(runs);
        total.setText(budget.describeTotal() + (budget.negativeTotal() > 0 ? " · negative " + budget.negativeTotal() : ""));
        total.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("over"), budget.positiveChunks() > 1);
        overflow.setText(describeOverflow(budget));
        overflow.setVisible(!overflow.getText().isEmpty());
        overflow.setManaged(overflow.isVisible());
    }

    /**
     * Character ranges {start, end, truncated?1:0} of consecutive overflowing tokens, merged so the
     * spaces between marked words are marked too.
     */
    static List<int[]> markedRanges(List<TokenBudget.TokenMark> tokens) {
        List<int[]> out = new ArrayList<>();
        int[] open = null;
        for (TokenBudget.TokenMark t : tokens) {
            boolean marked = t.overflow() || t.truncated();
            int kind = t.truncated() ? 1 : 0;
            if (marked && open != null && open[2] == kind) {
                open[1] = t.end();
            } else if (marked) {
                open = new int[] {t.start(), t.end(), kind};
                out.add(open);
            } else {
                open = null;
            }
        }
        return out;
    }

    /** "Past the first 75 tokens: Lighting (golden hour), Free text (…)". */
    static String describeOverflow(TokenBudget budget) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        for (TokenBudget.TokenMark m : budget.positive()) {
            if (m.overflow() || m.truncated()) {
                String field = m.field() == null ? "separators" : m.field().label();
                byField.computeIfAbsent(field, k -> new ArrayList<>()).add(m.text().strip());
            }
        }
        if (byField.isEmpty()) {
            return "";
        }
        return "Past the first " + budget.chunkSize() + " tokens (encoded as a second chunk): "
                + byField.entrySet().stream().map(e -> e.getKey() + " (" + String.join(" ", e.getValue()) + ")")
                .collect(Collectors.joining(", "));
    }
}
