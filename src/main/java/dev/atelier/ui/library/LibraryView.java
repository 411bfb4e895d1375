package dev.atelier.ui.library;

import dev.atelier.preset.LibraryEntry;
import dev.atelier.preset.Preset;
import javafx.beans.binding.Bindings;
import javafx.collections.ListChangeListener;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.CheckBox;
import javafx.scene.control.ComboBox;
import javafx.scene.control.Label;
import javafx.scene.control.ListCell;
import javafx.scene.control.ListView;
import javafx.scene.control.SelectionMode;
import javafx.scene.control.TextField;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.Tooltip;
import javafx.scene.image.Image;
import javafx.scene.image.ImageView;
import javafx.scene.layout.FlowPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.VBox;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The library panel, built in one fixed order: search and favourites, filters (tag, folder), the
 * presets (thumbnail, name, tags), the actions. Its stylesheet is {@value #CSS} next to this class.
 */
public final class LibraryView {
    public static final String CSS = "library.css";
    static final String ANY = "";
    static final double THUMB = 40;

    private final VBox root = new VBox(8);
    private final ListView<LibraryEntry> list = new ListView<>();
    private final LibraryModel model;
    private final LibraryController controller;
    private LibraryDialogs dialogs;

    public LibraryView(LibraryModel model, LibraryController controller) {
        this.model = Objects.requireNonNull(model, "model");
        this.controller = Objects.requireNonNull(controller, "controller");
        this.dialogs = new FxLibraryDialogs(root);
        root.setId("library");
        root.getStyleClass().add("library");
        root.getStylesheets().add(Objects.requireNonNull(LibraryView.class.getResource(CSS)).toExternalForm());

        TextField search = new TextField();
        search.setId("library-search");
        search.setPromptText("search names, fields, notes, tags");
        search.textProperty().bindBidirectional(model.searchProperty());

        ComboBox<String> tag = filter("library-tag", "all tags", model.tags());
        tag.valueProperty().bindBidirectional(model.tagProperty());
        ComboBox<String> folder = filter("library-folder", "all folders", model.folders());
        folder.valueProperty().bindBidirectional(model.folderProperty());
        ToggleButton favourites = new ToggleButton("★");
        favourites.setId("library-favourites");
        favourites.setTooltip(new Tooltip("Favourites only"));
        favourites.selectedProperty().bindBidirectional(model.favouritesOnlyProperty());
        // favourites beside the search, so the two filters get the row's whole width ("all folders" uncut at 1280 px)
        HBox searchRow = new HBox(6, search, favourites);
        searchRow.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(search, Priority.ALWAYS);
        HBox filters = new HBox(6, tag, folder);
        filters.setAlignment(Pos.CENTER_LEFT);
        HBox.setHgrow(tag, Priority.ALWAYS);
        HBox.setHgrow(folder, Priority.ALWAYS);

        list.setId("library-list");
        list.getStyleClass().add("library-list");
        list.setItems(model.shown());
        list.getSelectionModel().setSelectionMode(SelectionMode.MULTIPLE);
        list.setCellFactory(v -> new PresetCell());
        Label empty = new Label("No presets: save the composer or import a styles file");
        empty.setWrapText(true); // the panel is narrow at 1280 px: wrap, never cut the hint
        empty.getStyleClass().add("library-empty");
        list.setPlaceholder(empty);
        list.getSelectionModel().getSelectedItems().addListener((ListChangeListener<LibraryEntry>) c -> followSelection());
        VBox.setVgrow(list, Priority.ALWAYS);

        Label order = new Label();
        order.setId("library-order");
        order.getStyleClass().add("library-order");
        order.setWrapText(true);
        order.textProperty().bind(Bindings.createStringBinding(() -> model.chosen().size() < 2 ? ""
                : "Applied in this order: " + String.join(" → ", model.chosen().stream().map(e -> e.preset().name()).toList()),
                model.chosen()));

        Button apply = button("library-apply", "Apply", "Apply the chosen presets to the composer, in the order chosen");
        apply.getStyleClass().add("accent");
        apply.setOnAction(e -> controller.applyChosen());
        apply.disableProperty().bind(Bindings.isEmpty(model.chosen()));
        Button save = button("library-save", "Save composer…", "Save the composer as a preset, the image on the canvas as its thumbnail");
        save.setOnAction(e -> dialogs.presetName("").ifPresent(controller::saveComposer));
        CheckBox settings = new CheckBox("with settings");
        settings.setId("library-with-settings");
        settings.setTooltip(new Tooltip("Also keep scheduler, steps, guidance and size in the preset"));
        settings.selectedProperty().bindBidirectional(model.withSettingsProperty());
        Button edit = button("library-edit", "Edit…", "Edit name, tags, note and fields");
        edit.setOnAction(e -> one().ifPresent(entry -> dialogs.edit(entry.preset()).ifPresent(p -> controller.update(entry, p))));
        Button duplicate = button("library-duplicate", "Duplicate", "Copy the preset under a new name");
        duplicate.setOnAction(e -> one().ifPresent(controller::duplicate));
        Button star = button("library-favourite", "☆ / ★", "Mark or unmark as a favourite");
        star.setOnAction(e -> one().ifPresent(controller::toggleFavourite));
        Button delete = button("library-delete", "Delete", "Delete the preset (Undo brings it back)");
        delete.setOnAction(e -> one().ifPresent(controller::delete));
        for (Button b : List.of(edit, duplicate, star, delete)) {
            b.disableProperty().bind(Bindings.size(model.chosen()).isNotEqualTo(1));
        }
        Button undo = button("library-undo", "Undo delete", "Bring back the preset deleted last");
        undo.setOnAction(e -> controller.undoDelete());
        undo.disableProperty().bind(model.undoProperty().isNull());
        undo.textProperty().bind(Bindings.createStringBinding(() -> model.undoProperty().get() == null ? "Undo delete"
                : "Undo delete of '" + model.undoProperty().get().name() + "'", model.undoProperty()));
        Button importing = button("library-import", "Import…", "Import a styles.csv or presets JSON (format detected)");
        importing.setOnAction(e -> askImport());
        Button exporting = button("library-export", "Export…", "Write every preset to a file for another tool");
        exporting.setOnAction(e -> dialogs.exportFormat().ifPresent(f -> dialogs.exportFile(f).ifPresent(p -> controller.exportTo(p, f))));

        FlowPane actions = new FlowPane(6, 6, apply, save, settings, edit, duplicate, star, delete, undo, importing, exporting);
        actions.getStyleClass().add("library-actions");
        root.getChildren().addAll(searchRow, filters, list, order, actions); // the tab names the panel
    }

    private static ComboBox<String> filter(String id, String any, javafx.collections.ObservableList<String> values) {
        ComboBox<String> box = new ComboBox<>();
        box.setId(id);
        box.setMaxWidth(Double.MAX_VALUE);
        box.setPrefWidth(0); // the two filters share the row equally, whatever their values' lengths
        box.setPromptText(any);
        // "" (the first entry) means no filter
        values.addListener((ListChangeListener<String>) c -> {
            List<String> items = new ArrayList<>(List.of(ANY));
            items.addAll(values);
            String kept = box.getValue();
            box.getItems().setAll(items);
            box.setValue(kept);
        });
        box.getItems().setAll(ANY);
        box.setButtonCell(new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null || item.isEmpty() ? any : item);
            }
        });
        box.setCellFactory(v -> new ListCell<>() {
            @Override
            protected void updateItem(String item, boolean empty) {
                super.updateItem(item, empty);
                setText(empty || item == null ? null : item.isEmpty() ? any : item);
            }
        });
        return box;
    }

    private static Button button(String id, String text, String tip) {
        Button b = new Button(text);
        b.setId(id);
        b.setTooltip(new Tooltip(tip));
        return b;
    }

    /** Keeps {@link LibraryModel#chosen()} in the order the user picked: earlier picks first. */
    private void followSelection() {
        List<LibraryEntry> selected = list.getSelectionModel().getSelectedItems();
        List<LibraryEntry> order = new ArrayList<>(model.chosen().stream().filter(selected::contains).toList());
        selected.stream().filter(e -> e != null && !order.contains(e)).forEach(order::add);
        model.chosen().setAll(order);
    }

    private void askImport() {
        dialogs.importFile().ifPresent(file -> dialogs.importFormat().ifPresent(format ->
                dialogs.onConflict().ifPresent(policy -> controller.importFile(file, format.orElse(null), policy))));
    }

    private java.util.Optional<LibraryEntry> one() {
        return model.chosen().size() == 1 ? java.util.Optional.of(model.chosen().getFirst()) : java.util.Optional.empty();
    }

    /** Replaces the dialogs (tests answer them directly). */
    public void setDialogs(LibraryDialogs replacement) {
        this.dialogs = Objects.requireNonNull(replacement, "replacement");
    }

    public Node node() {
        return root;
    }

    /** One preset: thumbnail (or an empty square), name with a star when a favourite, tags and folder. */
    private static final class PresetCell extends ListCell<LibraryEntry> {
        private final ImageView thumb = new ImageView();
        private final Label name = new Label();
        private final Label detail = new Label();
        private final HBox box = new HBox(8, thumb, new VBox(2, name, detail));

        PresetCell() {
            thumb.setFitWidth(THUMB);
            thumb.setFitHeight(THUMB);
            thumb.setPreserveRatio(true);
            name.getStyleClass().add("preset-name");
            detail.getStyleClass().add("preset-detail");
            box.setAlignment(Pos.CENTER_LEFT);
            box.getStyleClass().add("preset-cell");
        }

        @Override
        protected void updateItem(LibraryEntry item, boolean empty) {
            super.updateItem(item, empty);
            if (empty || item == null) {
                setGraphic(null);
                setText(null);
                return;
            }
            Preset p = item.preset();
            byte[] png = p.thumbnail();
            thumb.setImage(png == null ? null : new Image(new ByteArrayInputStream(png), THUMB * 2, THUMB * 2, true, true));
            name.setText((p.favourite() ? "★ " : "") + p.name());
            String kind = p.prompt().isStyle() ? "style" : "structured";
            List<String> parts = new ArrayList<>(List.of(kind));
            p.tags().forEach(t -> parts.add("#" + t));
            if (!p.folder().isEmpty()) {
                parts.add(p.folder() + "/");
            }
            detail.setText(String.join(" · ", parts));
            setTooltip(new Tooltip(p.prompt().positive() + (p.prompt().negative().isEmpty() ? "" : "\nNegative: " + p.prompt().negative())
                    + (p.note().isEmpty() ? "" : "\n" + p.note())));
            setText(null);
            setGraphic(box);
        }
    }
}
