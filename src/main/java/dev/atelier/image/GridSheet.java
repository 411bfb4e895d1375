package dev.atelier.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One page of a grid to draw: cell images row-major with the axis names and value labels for the
 * legend. A missing cell (not generated, failed) is {@code null} and drawn as a grey box.
 *
 * @param title        page line (the page axes' values), "" for none
 * @param columnAxis   name of the column axis, "" when there is none
 * @param columnLabels one label per column
 * @param rowAxis      name of the row axis, "" when there is none
 * @param rowLabels    one label per row
 * @param cells        {@code columns × rows} images, row-major; entries may be null
 */
public record GridSheet(String title, String columnAxis, List<String> columnLabels, String rowAxis,
                        List<String> rowLabels, List<PixelImage> cells) {
    public GridSheet {
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(columnAxis, "columnAxis");
        Objects.requireNonNull(rowAxis, "rowAxis");
        columnLabels = List.copyOf(columnLabels);
        rowLabels = List.copyOf(rowLabels);
        if (columnLabels.isEmpty() || rowLabels.isEmpty()) {
            throw new IllegalArgumentException("a grid sheet needs at least one column and one row label");
        }
        if (cells.size() != columnLabels.size() * rowLabels.size()) {
            throw new IllegalArgumentException("a " + columnLabels.size() + "x" + rowLabels.size() + " grid needs "
                    + columnLabels.size() * rowLabels.size() + " cells, got " + cells.size());
        }
        cells = Collections.unmodifiableList(new ArrayList<>(cells)); // List.copyOf refuses the null placeholders
    }

    public int columns() {
        return columnLabels.size();
    }

    public int rows() {
        return rowLabels.size();
    }

    public PixelImage cell(int column, int row) {
        return cells.get(row * columns() + column);
    }
}
