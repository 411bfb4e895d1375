package dev.atelier.compare;

import java.util.List;
import java.util.Objects;

/**
 * One cell of a grid.
 *
 * @param index    place in display order (columns fastest, then rows, then pages)
 * @param position the value index on each axis, in axis order
 * @param settings everything the cell is generated from
 */
public record GridCell(int index, List<Integer> position, CellSettings settings) {
    public GridCell {
        position = List.copyOf(position);
        Objects.requireNonNull(settings, "settings");
    }

    public String hash() {
        return settings.hash();
    }
}
