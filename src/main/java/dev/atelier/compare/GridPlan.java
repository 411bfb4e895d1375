package dev.atelier.compare;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Axes expanded into cells. The first axis is the columns, the second the rows, the rest pages
 * (a fourth axis multiplies the pages of the third). Cells are listed in display order.
 */
public record GridPlan(List<Axis> axes, CellSettings base, List<GridCell> cells) {
    /** Grids with more cells than this ask before starting (the command line needs --yes). */
    public static final int CONFIRM_ABOVE = 64;

    public GridPlan {
        axes = List.copyOf(axes);
        cells = List.copyOf(cells);
    }

    /** Every combination of the axes' values applied to {@code base}, in display order. */
    public static GridPlan of(List<Axis> axes, CellSettings base) {
        checkDistinct(axes);
        List<GridCell> cells = new ArrayList<>();
        int total = 1;
        for (Axis a : axes) {
            total = Math.multiplyExact(total, a.values().size());
        }
        for (int i = 0; i < total; i++) {
            List<Integer> position = new ArrayList<>(axes.size());
            int rest = i;
            CellSettings settings = base;
            for (Axis a : axes) {
                int v = rest % a.values().size();
                rest /= a.values().size();
                position.add(v);
            }
            // applied in axis order, except S/R after field axes so it searches their text too
            for (int pass = 0; pass < 2; pass++) {
                for (int k = 0; k < axes.size(); k++) {
                    if ((axes.get(k).kind() == AxisKind.PROMPT_SR) == (pass == 1)) {
                        settings = axes.get(k).apply(settings, position.get(k));
                    }
                }
            }
            cells.add(new GridCell(i, position, settings));
        }
        return new GridPlan(axes, base, cells);
    }

    private static void checkDistinct(List<Axis> axes) {
        for (int i = 0; i < axes.size(); i++) {
            for (int j = i + 1; j < axes.size(); j++) {
                if (axes.get(i).name().equals(axes.get(j).name())) {
                    throw new IllegalArgumentException("the " + axes.get(i).name() + " axis is given twice; "
                            + "put all its values on one axis");
                }
            }
        }
    }

    public int columns() {
        return axes.isEmpty() ? 1 : axes.get(0).values().size();
    }

    public int rows() {
        return axes.size() < 2 ? 1 : axes.get(1).values().size();
    }

    public int pages() {
        return cells.size() / (columns() * rows());
    }

    /** Cells of page {@code page}, row-major. */
    public List<GridCell> page(int page) {
        int size = columns() * rows();
        return cells.subList(page * size, page * size + size);
    }

    /** The page's title: the page axes' names and values, e.g. {@code scheduler: ddim, steps: 20}. */
    public String pageTitle(int page) {
        if (axes.size() < 3) {
            return "";
        }
        List<Integer> pos = page(page).get(0).position();
        List<String> parts = new ArrayList<>();
        for (int k = 2; k < axes.size(); k++) {
            parts.add(axes.get(k).name() + ": " + axes.get(k).values().get(pos.get(k)));
        }
        return String.join(", ", parts);
    }

    public boolean needsConfirmation() {
        return cells.size() > CONFIRM_ABOVE;
    }

    /** Throws the message the user sees when a large grid was not confirmed. */
    public void requireConfirmed(boolean confirmed) {
        if (needsConfirmation() && !confirmed) {
            throw new IllegalArgumentException("the grid has " + cells.size() + " cells, more than " + CONFIRM_ABOVE
                    + "; confirm to start it (--yes on the command line)");
        }
    }

    /**
     * The order cells run in: models outermost (in order of first appearance), within a model the
     * cells sharing a prompt next to each other so its encoding is reused, otherwise display order.
     */
    public List<GridCell> executionOrder() {
        Map<String, Integer> modelRank = new LinkedHashMap<>();
        Map<String, Integer> promptRank = new LinkedHashMap<>();
        for (GridCell c : cells) {
            modelRank.putIfAbsent(c.settings().model(), modelRank.size());
            promptRank.putIfAbsent(promptKey(c.settings()), promptRank.size());
        }
        return cells.stream().sorted(Comparator
                        .comparingInt((GridCell c) -> modelRank.get(c.settings().model()))
                        .thenComparingInt(c -> promptRank.get(promptKey(c.settings())))
                        .thenComparingInt(GridCell::index))
                .toList();
    }

    private static String promptKey(CellSettings s) {
        return s.request().prompt() + '\u0000' + s.request().negativePrompt();
    }

    /**
     * The grid's cost when every cell is generated; {@code secondsPerStep} gives a model folder's
     * recent seconds per step (empty: unknown, and the time is then unknown).
     */
    public GridEstimate estimate(Function<String, Optional<Double>> secondsPerStep) {
        return estimate(secondsPerStep, c -> false);
    }

    /**
     * The grid's cost when the cells {@code fromHistory} accepts are copied from the history: they
     * are counted apart and cost no steps and no time.
     */
    public GridEstimate estimate(Function<String, Optional<Double>> secondsPerStep, Predicate<CellSettings> fromHistory) {
        long steps = 0;
        double seconds = 0;
        boolean known = true;
        int reused = 0;
        for (GridCell c : cells) {
            if (fromHistory.test(c.settings())) {
                reused++;
                continue;
            }
            int s = c.settings().request().steps();
            steps += s;
            Optional<Double> perStep = secondsPerStep.apply(c.settings().model());
            if (perStep.isPresent()) {
                seconds += perStep.get() * s;
            } else {
                known = false;
            }
        }
        return new GridEstimate(cells.size(), reused, steps, known ? Duration.ofMillis(Math.round(seconds * 1000)) : null);
    }
}
