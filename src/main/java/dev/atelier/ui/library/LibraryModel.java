package dev.atelier.ui.library;

import dev.atelier.preset.LibraryEntry;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;

/**
 * What the library panel shows: the presets matching the filters, the filters, the presets chosen
 * (in the order they were chosen, which is the order styles are applied) and what Undo brings back.
 * FX thread only.
 */
public final class LibraryModel {
    private final ObservableList<LibraryEntry> shown = FXCollections.observableArrayList();
    private final ObservableList<LibraryEntry> chosen = FXCollections.observableArrayList();
    private final ObservableList<String> tags = FXCollections.observableArrayList();
    private final ObservableList<String> folders = FXCollections.observableArrayList();
    private final StringProperty search = new SimpleStringProperty("");
    private final StringProperty tag = new SimpleStringProperty("");
    private final StringProperty folder = new SimpleStringProperty("");
    private final BooleanProperty favouritesOnly = new SimpleBooleanProperty();
    private final BooleanProperty withSettings = new SimpleBooleanProperty();
    /** The last deleted preset, which Undo restores; null when there is nothing to undo. */
    private final ObjectProperty<Deleted> undo = new SimpleObjectProperty<>();

    /** A soft-deleted preset: its row id and name (for the Undo button's text). */
    public record Deleted(long id, String name) {
    }

    public ObservableList<LibraryEntry> shown() {
        return shown;
    }

    public ObservableList<LibraryEntry> chosen() {
        return chosen;
    }

    public ObservableList<String> tags() {
        return tags;
    }

    public ObservableList<String> folders() {
        return folders;
    }

    public StringProperty searchProperty() {
        return search;
    }

    /** "" for every tag. */
    public StringProperty tagProperty() {
        return tag;
    }

    /** "" for every folder. */
    public StringProperty folderProperty() {
        return folder;
    }

    public BooleanProperty favouritesOnlyProperty() {
        return favouritesOnly;
    }

    /** Whether "Save composer as preset" also keeps scheduler, steps, guidance and size. */
    public BooleanProperty withSettingsProperty() {
        return withSettings;
    }

    public ObjectProperty<Deleted> undoProperty() {
        return undo;
    }
}
