package dev.atelier.ui.compare;

import dev.atelier.compare.Axis;
import dev.atelier.compare.AxisParser;
import dev.atelier.compare.CellSettings;
import dev.atelier.compare.GridEstimate;
import dev.atelier.compare.GridPlan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The grid form's axes checked against the base settings: the parser's message per axis, the plan
 * and its estimate when everything parses, else the reason Start is blocked. Made off the FX thread.
 *
 * @param errors   one message per axis text, empty where it parses (or is blank)
 * @param plan     the grid, null while something does not parse
 * @param problem  why it cannot start, empty when it can
 * @param estimate the plan's estimate, null without a plan
 */
record GridCheck(List<String> errors, GridPlan plan, String problem, GridEstimate estimate) {
    static final String NO_AXIS = "give at least one axis, e.g. seed=1-4";

    /**
     * Checks {@code texts} (columns, rows, pages); {@code stepTimes} gives seconds per step by model
     * folder name, {@code fromHistory} the cells the grid would take from the history (counted apart).
     */
    static GridCheck of(List<String> texts, CellSettings base, AxisParser parser, Supplier<Map<String, Double>> stepTimes,
                        Predicate<CellSettings> fromHistory) {
        List<String> errors = new ArrayList<>();
        List<Axis> axes = new ArrayList<>();
        String first = null;
        for (int i = 0; i < texts.size(); i++) {
            String text = texts.get(i).strip();
            String error = "";
            if (!text.isEmpty()) {
                try {
                    axes.add(parser.parse(text, base));
                } catch (IllegalArgumentException e) {
                    error = e.getMessage();
                    if (first == null) {
                        first = "fix the " + axisRole(i) + " axis: " + error;
                    }
                }
            }
            errors.add(error);
        }
        if (first != null) {
            return new GridCheck(errors, null, first, null);
        }
        if (axes.isEmpty()) {
            return new GridCheck(errors, null, NO_AXIS, null);
        }
        try {
            GridPlan plan = GridPlan.of(axes, base);
            return new GridCheck(errors, plan, "", plan.estimate(secondsPerStep(stepTimes), fromHistory));
        } catch (IllegalArgumentException e) {
            return new GridCheck(errors, null, e.getMessage(), null);
        } catch (ArithmeticException e) {
            return new GridCheck(errors, null, "the axes make more cells than a grid can hold", null);
        }
    }

    private static String axisRole(int i) {
        return switch (i) {
            case 0 -> "columns";
            case 1 -> "rows";
            default -> "pages";
        };
    }

    private static Function<String, Optional<Double>> secondsPerStep(Supplier<Map<String, Double>> stepTimes) {
        Map<String, Double> times;
        try {
            times = stepTimes.get();
        } catch (RuntimeException e) {
            times = Map.of(); // no history: the time is shown as unknown
        }
        Map<String, Double> known = times;
        return model -> Optional.ofNullable(known.get(CellSettings.folderName(model)));
    }
}
