package dev.atelier.ui.controls;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A model folder the picker offers.
 *
 * @param userAdded true for folders the user added (remembered in the settings)
 */
public record ModelEntry(String name, Path dir, boolean userAdded) {
    public ModelEntry {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(dir, "dir");
    }

    @Override
    public String toString() {
        return userAdded ? name + "  (" + dir.getParent() + ")" : name;
    }
}
