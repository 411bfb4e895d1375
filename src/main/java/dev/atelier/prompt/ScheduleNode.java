package dev.atelier.prompt;

import java.util.List;
import java.util.Set;

/** The parse tree of {@link ScheduleGrammar}: each node can list its switch steps and render itself at a step. */
sealed interface ScheduleNode permits ScheduleNode.Text, ScheduleNode.Seq, ScheduleNode.Scheduled, ScheduleNode.Alternate {
    default void collectSteps(int steps, Set<Integer> ends) {
    }

    void render(int step, int steps, StringBuilder out);

    record Text(String text) implements ScheduleNode {
        public void render(int step, int steps, StringBuilder out) {
            out.append(text);
        }
    }

    record Seq(List<ScheduleNode> items) implements ScheduleNode {
        public void collectSteps(int steps, Set<Integer> ends) {
            items.forEach(n -> n.collectSteps(steps, ends));
        }

        public void render(int step, int steps, StringBuilder out) {
            items.forEach(n -> n.render(step, steps, out));
        }
    }

    /** {@code before} is null for {@code [to:when]}. */
    record Scheduled(Seq before, Seq after, String number) implements ScheduleNode {
        /** A1111: a number with "." is a fraction of the steps, otherwise a step; truncated, at most steps. */
        int when(int steps) {
            double v = Double.parseDouble(number);
            double at = number.contains(".") ? v * steps : v;
            return (int) Math.min(steps, (long) at);
        }

        public void collectSteps(int steps, Set<Integer> ends) {
            if (when(steps) >= 1) {
                ends.add(when(steps));
            }
            if (before != null) {
                before.collectSteps(steps, ends);
            }
            after.collectSteps(steps, ends);
        }

        public void render(int step, int steps, StringBuilder out) {
            if (step <= when(steps)) {
                if (before != null) {
                    before.render(step, steps, out);
                }
            } else {
                after.render(step, steps, out);
            }
        }
    }

    /** Empty options are null. */
    record Alternate(List<Seq> options) implements ScheduleNode {
        public void collectSteps(int steps, Set<Integer> ends) {
            for (int s = 1; s <= steps; s++) {
                ends.add(s);
            }
            options.stream().filter(o -> o != null).forEach(o -> o.collectSteps(steps, ends));
        }

        public void render(int step, int steps, StringBuilder out) {
            Seq chosen = options.get(Math.floorMod(step - 1, options.size()));
            if (chosen != null) {
                chosen.render(step, steps, out);
            }
        }
    }
}
