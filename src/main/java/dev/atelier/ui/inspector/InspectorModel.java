package dev.atelier.ui.inspector;

import dev.atelier.metadata.RecoveredGeneration;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.SimpleObjectProperty;
import javafx.beans.property.SimpleStringProperty;
import javafx.beans.property.StringProperty;

import java.nio.file.Path;

/** The image the inspector shows and what it carries; FX thread only. */
public final class InspectorModel {
    private final ObjectProperty<Path> file = new SimpleObjectProperty<>();
    private final ObjectProperty<RecoveredGeneration> recovered = new SimpleObjectProperty<>();
    /** Why the last file could not be read; "" when it could. */
    private final StringProperty problem = new SimpleStringProperty("");

    public ObjectProperty<Path> fileProperty() {
        return file;
    }

    public ObjectProperty<RecoveredGeneration> recoveredProperty() {
        return recovered;
    }

    public StringProperty problemProperty() {
        return problem;
    }
}
