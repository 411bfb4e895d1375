package dev.atelier.cli;

import dev.atelier.pipeline.StepListener;
import dev.atelier.pipeline.StepState;

import java.io.PrintWriter;
import java.util.Locale;

/** Step progress: a redrawn bar with step time on a terminal, one plain line per step otherwise. */
final class ProgressPrinter implements StepListener {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final boolean terminal;

    ProgressPrinter(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    /**
     * Whether stdout is an interactive terminal. Since JDK 22 {@code System.console()} is non-null
     * even when output is redirected, so {@code Console.isTerminal()} (JDK 22+, called reflectively
     * because Atelier targets 21) decides where it exists.
     */
    static boolean interactive() {
        java.io.Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
        } catch (ReflectiveOperationException e) {
            return true; // JDK 21: a console exists only on a terminal
        }
    }

    /** Text only: the pipeline need not render a preview image for this listener. */
    @Override
    public boolean wantsPreview() {
        return false;
    }

    @Override
    public void onStep(StepState s) {
        double ms = s.stepNanos() / 1e6;
        if (terminal) {
            int filled = (int) Math.round(s.progress() * WIDTH);
            out.printf(Locale.ROOT, "\r[%s%s] %d/%d  %.0f ms/step", "#".repeat(filled), ".".repeat(WIDTH - filled),
                    s.index() + 1, s.total(), ms);
            if (s.index() + 1 == s.total()) {
                out.println();
            }
        } else {
            out.printf(Locale.ROOT, "step %d/%d t=%s %.1f ms%n", s.index() + 1, s.total(), timestep(s.timestep()), ms);
        }
        out.flush();
    }

    private static String timestep(double t) {
        return t == Math.rint(t) ? Long.toString((long) t) : String.format(Locale.ROOT, "%.2f", t);
    }
}
