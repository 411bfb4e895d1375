package dev.atelier.ui.history;

import dev.atelier.history.HistoryRecord;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.collections.ObservableSet;

/**
 * What the history browser shows: the rows of the current search and filters (newest first), the
 * models to filter by, and a status line. Changed on the FX thread only.
 */
public final class HistoryBrowserModel {
    /** The model filter's "no filter" entry. */
    public static final String ANY_MODEL = "All models";

    private final ObservableList<HistoryRecord> rows = FXCollections.observableArrayList();
    private final ObservableList<String> models = FXCollections.observableArrayList(ANY_MODEL);
    private final StringProperty search = new SimpleStringProperty(this, "search", "");
    private final StringProperty model = new SimpleStringProperty(this, "model", ANY_MODEL);
    private final BooleanProperty favouritesOnly = new SimpleBooleanProperty(this, "favouritesOnly", false);
    private final StringProperty status = new SimpleStringProperty(this, "status", "opening the history…");
    private final BooleanProperty loading = new SimpleBooleanProperty(this, "loading", true);
    private final ObservableSet<Long> selected = FXCollections.observableSet();

    public ObservableList<HistoryRecord> rows() {
        return rows;
    }

    public ObservableList<String> models() {
        return models;
    }

    /** Full-text search (FTS5 syntax); blank = everything. */
    public StringProperty searchProperty() {
        return search;
    }

    public StringProperty modelProperty() {
        return model;
    }

    public BooleanProperty favouritesOnlyProperty() {
        return favouritesOnly;
    }

    /** "1 234 images" or why the search failed. */
    public StringProperty statusProperty() {
        return status;
    }

    /** Ids of the rows picked for favourite / delete / export (click selects one, Ctrl+click adds). */
    public ObservableSet<Long> selected() {
        return selected;
    }

    /** The selected rows among those listed, in list order. */
    public java.util.List<HistoryRecord> selectedRows() {
        return rows.stream().filter(r -> selected.contains(r.id())).toList();
    }

    public BooleanProperty loadingProperty() {
        return loading;
    }
}
