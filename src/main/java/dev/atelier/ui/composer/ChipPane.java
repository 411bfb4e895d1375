package dev.atelier.ui.composer;

import javafx.beans.property.StringProperty;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.VBox;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A field's vocabulary as toggle chips, grouped (medium, palette, …). A chip is selected while its
 * term is in the field's text; clicking it adds or removes the term, leaving free text alone.
 */
final class ChipPane {
    private final VBox root = new VBox(4);
    private final StringProperty text;
    private final List<ToggleButton> chips = new ArrayList<>();
    private final String idPrefix;

    ChipPane(StringProperty text, String idPrefix) {
        this.text = text;
        this.idPrefix = idPrefix;
        root.getStyleClass().add("chip-pane");
        text.addListener((o, a, b) -> sync());
    }

    VBox node() {
        return root;
    }

    void setGroups(Map<String, List<String>> groups) {
        root.getChildren().clear();
        chips.clear();
        boolean named = groups.size() > 1;
        groups.forEach((group, words) -> {
            if (named) {
                Label caption = new Label(group);
                caption.getStyleClass().add("chip-group");
                root.getChildren().add(caption);
            }
            FlowPane flow = new FlowPane(4, 4);
            flow.getStyleClass().add("chip-flow");
            for (String word : words) {
                ToggleButton chip = new ToggleButton(word);
                chip.getStyleClass().add("chip");
                chip.setId(idPrefix + "-" + word.replaceAll("[^A-Za-z0-9]+", "-"));
                chip.setFocusTraversable(false);
                chip.setOnAction(e -> text.set(TermList.toggle(text.get(), word)));
                chips.add(chip);
                flow.getChildren().add(chip);
            }
            root.getChildren().add(flow);
        });
        root.setVisible(!chips.isEmpty());
        root.setManaged(!chips.isEmpty());
        sync();
    }

    private void sync() {
        for (ToggleButton chip : chips) {
            chip.setSelected(TermList.contains(text.get(), chip.getText()));
        }
    }
}
