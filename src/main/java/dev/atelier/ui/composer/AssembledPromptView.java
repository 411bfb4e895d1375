package dev.atelier.ui.composer;

import dev.atelier.prompt.FieldSpan;
import dev.atelier.prompt.PromptAssembly;
import javafx.geometry.Pos;
import javafx.scene.control.Button;
import javafx.scene.control.Label;
import javafx.scene.control.TextArea;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
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
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The prompt exactly as it will be sent. Read mode tints each field's text and marks, in place, the
 * tokens that fall past the first 75-token chunk; "Edit as text" swaps in a text area whose content
 * then replaces the fields until "Use fields" is pressed. It renders from the token budget alone,
 * which carries the prompt it counted: one render per change, never text with stale marks.
 */
final class AssembledPromptView {
    private final VBox root = new VBox(6);
    private final TextFlow flow = new TextFlow();
    private final TextArea editor = new TextArea();
    private final Label total = new Label();
    private final Label overflow = new Label();
    private final Label unknownLine = new Label();
    private final ComposerState model;
    private int renders;

    AssembledPromptView(ComposerState model) {
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
        unknownLine.setId("token-unknown");
        unknownLine.getStyleClass().add("token-unknown-line");
        unknownLine.setWrapText(true);

        // Edit mode: the text area holds the prompt; typing in it makes the prompt "edited".
        edit.selectedProperty().addListener((o, a, on) -> {
            if (on && model.editedPromptProperty().get() == null) {
                editor.setText(model.assembledProperty().get().prompt());
            }
            showEditor(on);
            if (on) { // the first keystrokes after the click go into the editor, not nowhere
                editor.requestFocus();
                editor.end();
            }
        });
        editor.textProperty().addListener((o, a, text) -> {
            if (edit.isSelected() && !text.equals(model.assembledProperty().get().prompt())) {
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
        // Not the assembled prompt too: the model sets both on every change, which rendered twice.
        model.budgetProperty().addListener((o, a, b) -> render());
        showEditor(false);
        total.setWrapText(true);
        model.tokenCounterProperty().addListener((o, a, c) -> render());
        root.getChildren().addAll(header, body, total, overflow, unknownLine);
        render();
    }

    VBox node() {
        return root;
    }

    /** How many times the prompt has been rendered (tests check it is once per change). */
    int renderCount() {
        return renders;
    }

    private void showEditor(boolean on) {
        editor.setVisible(on);
        editor.setManaged(on);
        flow.setVisible(!on);
        flow.setManaged(!on);
    }

    private void render() {
        renders++;
        ComposerTokenBudget budget = model.budgetProperty().get();
        PromptAssembly prompt = budget.prompt();
        String text = prompt.prompt();
        List<int[]> overflowing = markedRanges(budget.positive(), ComposerTokenBudget.TokenMark::overflow);
        List<int[]> unknown = markedRanges(budget.positive(), ComposerTokenBudget.TokenMark::unknown);
        // Split the text at every field and marked-range boundary, then style each piece.
        TreeSet<Integer> cuts = new TreeSet<>(List.of(0, text.length()));
        for (FieldSpan s : prompt.spans()) {
            cuts.add(Math.min(s.start(), text.length()));
            cuts.add(Math.min(s.end(), text.length()));
        }
        for (List<int[]> ranges : List.of(overflowing, unknown)) {
            ranges.forEach(r -> {
                cuts.add(r[0]);
                cuts.add(r[1]);
            });
        }
        List<Text> runs = new ArrayList<>();
        Integer pos = 0;
        for (Integer end = cuts.higher(pos); end != null; pos = end, end = cuts.higher(end)) {
            Text run = new Text(text.substring(pos, end));
            run.getStyleClass().addAll("prompt-text", cssClassAt(prompt, pos));
            if (inside(overflowing, pos)) {
                run.getStyleClass().add("token-overflow");
            }
            if (inside(unknown, pos)) {
                run.getStyleClass().add("token-unknown");
                Tooltip.install(run, new Tooltip("“" + run.getText().strip() + "” is not in this model's vocabulary:"
                        + " it is split into single letters, which the model has not learned to read"));
            }
            runs.add(run);
        }
        if (runs.isEmpty()) {
            Text empty = new Text("(empty prompt)");
            empty.getStyleClass().addAll("prompt-text", "muted-text");
            runs.add(empty);
        }
        flow.getChildren().setAll(runs);
        if (model.tokenCounterProperty().get() == null) {
            total.setText(model.modelProperty().get() == null ? "" : "No tokenizer in this model folder: tokens are not counted");
        } else {
            total.setText(budget.describeTotal() + (budget.negativeTotal() > 0 ? " · negative " + budget.negativeTotal() : ""));
        }
        total.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("over"), !overflowing.isEmpty());
        show(overflow, describeOverflow(budget));
        List<String> words = budget.unknownWords();
        show(unknownLine, words.isEmpty() ? "" : "Not in this model's vocabulary (read as single letters): "
                + String.join(", ", words));
    }

    private static void show(Label label, String text) {
        label.setText(text);
        label.setVisible(!text.isEmpty());
        label.setManaged(label.isVisible());
    }

    private static boolean inside(List<int[]> ranges, int offset) {
        return ranges.stream().anyMatch(r -> r[0] <= offset && offset < r[1]);
    }

    /** The tint of the character at {@code offset}: its field's, or the separator's between fields. */
    private static String cssClassAt(PromptAssembly prompt, int offset) {
        return prompt.spans().stream().filter(s -> s.contains(offset)).findFirst()
                .map(s -> PromptAssembler.fieldOf(s).cssClass()).orElse("field-separator");
    }

    /**
     * Character ranges {start, end} of consecutive selected tokens, merged so the spaces between
     * marked words are marked too.
     */
    static List<int[]> markedRanges(List<ComposerTokenBudget.TokenMark> tokens, Predicate<ComposerTokenBudget.TokenMark> selected) {
        List<int[]> out = new ArrayList<>();
        int[] open = null;
        for (ComposerTokenBudget.TokenMark t : tokens) {
            if (selected.test(t) && open != null) {
                open[1] = t.end();
            } else if (selected.test(t)) {
                open = new int[] {t.start(), t.end()};
                out.add(open);
            } else {
                open = null;
            }
        }
        return out;
    }

    /** "Past the first 75 tokens …: Lighting (golden hour), Free text (…)", whole words, not letters. */
    static String describeOverflow(ComposerTokenBudget budget) {
        Map<String, List<String>> byField = new LinkedHashMap<>();
        String text = budget.prompt().prompt();
        for (ComposerField field : ComposerField.values()) {
            List<ComposerTokenBudget.TokenMark> mine = budget.positive().stream().filter(t -> t.field() == field).toList();
            for (int[] r : markedRanges(mine, ComposerTokenBudget.TokenMark::overflow)) {
                int from = r[0]; // a word cut by the chunk edge is named whole
                while (from > 0 && Character.isLetterOrDigit(text.charAt(from - 1))) {
                    from--;
                }
                String words = text.substring(from, r[1]).strip();
                if (!words.isEmpty()) {
                    byField.computeIfAbsent(field.label(), k -> new ArrayList<>()).add(words);
                }
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
