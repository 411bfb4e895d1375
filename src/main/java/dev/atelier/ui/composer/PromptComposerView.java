package dev.atelier.ui.composer;

import javafx.beans.property.StringProperty;
import javafx.geometry.Pos;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ScrollPane;
import javafx.scene.control.TextArea;
import javafx.scene.control.TextField;
import javafx.scene.control.TextInputControl;
import javafx.scene.layout.ColumnConstraints;
import javafx.scene.layout.GridPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.scene.layout.VBox;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The left panel: one section per prompt field (text plus vocabulary chips and a token count), the
 * subject builder when the model has a template, and the assembled prompt with its token budget.
 */
public final class PromptComposerView {
    private final ScrollPane root;
    private final VBox content = new VBox(14);
    private final Map<ComposerField, ChipPane> chips = new EnumMap<>(ComposerField.class);
    private final Map<ComposerField, Label> counts = new EnumMap<>(ComposerField.class);
    /** Two pickers a row: four in one row cut their words ("lar…") at 1280 px. */
    private final GridPane subjectBuilder = new GridPane();
    private final Map<String, ComboBox<String>> pickers = new LinkedHashMap<>();
    private Vocabulary vocabulary;
    /** True while the builder itself writes the subject or follows it, so the two don't echo. */
    private boolean syncing;
    private final ComposerState model;

    public PromptComposerView(ComposerState model) {
        this.model = model;
        content.getStyleClass().add("composer");
        content.getChildren().add(new AssembledPromptView(model).node());
        content.getChildren().add(section(ComposerField.SUBJECT, new TextField(), "what the image shows"));
        subjectBuilder.getStyleClass().add("subject-builder");
        subjectBuilder.setHgap(6);
        subjectBuilder.setVgap(6);
        for (int c = 0; c < 2; c++) {
            ColumnConstraints half = new ColumnConstraints();
            half.setPercentWidth(50);
            half.setFillWidth(true);
            subjectBuilder.getColumnConstraints().add(half);
        }
        content.getChildren().add(subjectBuilder);
        content.getChildren().add(section(ComposerField.COMPOSITION, new TextField(), "framing, angle, lens"));
        content.getChildren().add(section(ComposerField.STYLE, new TextField(), "medium, palette, quality"));
        content.getChildren().add(section(ComposerField.LIGHTING, new TextField(), "light and time of day"));
        TextArea free = new TextArea();
        free.setPrefRowCount(2);
        free.setWrapText(true);
        content.getChildren().add(section(ComposerField.FREE_TEXT, free, "anything else, A1111 syntax welcome"));
        content.getChildren().add(section(ComposerField.NEGATIVE, new TextField(), "what to steer away from"));

        root = new ScrollPane(content);
        root.setId("composer");
        root.getStyleClass().add("composer-scroll");
        root.setFitToWidth(true);
        root.setHbarPolicy(ScrollPane.ScrollBarPolicy.NEVER);

        model.vocabularyProperty().addListener((o, a, v) -> applyVocabulary(v));
        model.budgetProperty().addListener((o, a, b) -> updateCounts(b));
        model.field(ComposerField.SUBJECT).addListener((o, a, text) -> followSubject(text));
        applyVocabulary(model.vocabularyProperty().get());
        updateCounts(model.budgetProperty().get());
    }

    /** Adds a line right under the assembled prompt. */
    public void addUnderPrompt(javafx.scene.Node line) {
        content.getChildren().add(1, line);
    }

    public ScrollPane node() {
        return root;
    }

    private VBox section(ComposerField field, TextInputControl input, String hint) {
        String id = field.name().toLowerCase(Locale.ROOT).replace('_', '-');
        Label title = new Label(field.label());
        title.getStyleClass().add("field-title");
        title.getStyleClass().add(field.cssClass());
        Label count = new Label();
        count.setId(id + "-count");
        count.getStyleClass().add("token-count");
        counts.put(field, count);
        Region spacer = new Region();
        HBox.setHgrow(spacer, Priority.ALWAYS);
        HBox header = new HBox(6, title, spacer, count);
        header.setAlignment(Pos.CENTER_LEFT);

        input.setId(id + "-field");
        input.setPromptText(hint);
        input.getStyleClass().add("field-input");
        StringProperty text = model.field(field);
        input.setText(text.get());
        input.textProperty().addListener((o, a, b) -> {
            if (!b.equals(text.get())) {
                text.set(b);
            }
        });
        text.addListener((o, a, b) -> {
            if (!b.equals(input.getText())) {
                input.setText(b);
            }
        });
        VBox box = new VBox(5, header, input);
        box.getStyleClass().add("field-section");
        if (field != ComposerField.SUBJECT && field != ComposerField.FREE_TEXT) {
            ChipPane pane = new ChipPane(text, id + "-chip");
            chips.put(field, pane);
            box.getChildren().add(pane.node());
        }
        return box;
    }

    private void applyVocabulary(Vocabulary v) {
        chips.forEach((field, pane) -> pane.setGroups(v == null ? Map.of() : v.groupsOf(field)));
        subjectBuilder.getChildren().clear();
        vocabulary = null;
        boolean builder = v != null && !v.template().isEmpty() && !v.subjectParts().isEmpty();
        subjectBuilder.setVisible(builder);
        subjectBuilder.setManaged(builder);
        if (!builder) {
            return;
        }
        vocabulary = v;
        pickers.clear();
        Map<String, String> current = v.parseSubject(model.field(ComposerField.SUBJECT).get());
        v.subjectParts().forEach((part, words) -> {
            ComboBox<String> box = new ComboBox<>();
            box.getItems().add("");
            box.getItems().addAll(words);
            box.setPromptText(part);
            box.setId("subject-" + part);
            box.getStyleClass().add("subject-part");
            box.setTooltip(new javafx.scene.control.Tooltip("Fill the subject's " + part + " from the model's template"));
            box.setMaxWidth(Double.MAX_VALUE);
            box.setValue(current.getOrDefault(part, ""));
            pickers.put(part, box);
        });
        Runnable fill = () -> {
            if (syncing) {
                return;
            }
            Map<String, String> picks = new LinkedHashMap<>();
            pickers.forEach((part, box) -> picks.put(part, box.getValue() == null ? "" : box.getValue()));
            syncing = true;
            model.field(ComposerField.SUBJECT).set(v.fillTemplate(picks));
            syncing = false;
        };
        pickers.values().forEach(box -> box.setOnAction(e -> fill.run()));
        int i = 0;
        for (ComboBox<String> box : pickers.values()) {
            subjectBuilder.add(box, i % 2, i / 2);
            i++;
        }
    }

    private void followSubject(String subject) {
        if (syncing || vocabulary == null) {
            return;
        }
        Map<String, String> parts = vocabulary.parseSubject(subject);
        syncing = true;
        pickers.forEach((part, box) -> box.setValue(parts.getOrDefault(part, "")));
        syncing = false;
    }

    private void updateCounts(ComposerTokenBudget budget) {
        counts.forEach((field, label) -> {
            int n = budget.count(field);
            int over = budget.overflowOf(field).size();
            label.setText(n == 0 ? "" : n + (n == 1 ? " token" : " tokens") + (over > 0 ? " · " + over + " past 75" : ""));
            label.pseudoClassStateChanged(javafx.css.PseudoClass.getPseudoClass("over"), over > 0);
        });
    }
}
