package dev.atelier.cli;

import dev.atelier.ui.app.WorkbenchApp;

import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code ui}: opens the workbench window (also what {@code atelier} with no arguments does). Without
 * a display (a server, an SSH session) it says so in one line and exits 1 instead of letting JavaFX
 * fail with a stack trace.
 */
@Command(name = "ui", mixinStandardHelpOptions = true, description = "Open the workbench window.")
final class UiCommand implements Callable<Integer> {
    static final String NO_DISPLAY = "no display: use the CLI commands (atelier --help), "
            + "e.g. atelier generate --prompt \"a red star\" --out star.png";

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        return openWindow(spec.commandLine().getErr(), () -> CliData.applyToWindow(spec));
    }

    /**
     * Opens the window and returns when it is closed: 0, or 1 after one line on {@code err} when
     * there is no display. {@code beforeLaunch} runs once a display is known to be there. Also the
     * path of {@code atelier} without arguments, which skips the command tree (start-up time).
     */
    static int openWindow(PrintWriter err, Runnable beforeLaunch) {
        if (!hasDisplay(System.getenv(), System.getProperty("os.name", ""), System.getProperty("java.awt.headless"))) {
            err.println(NO_DISPLAY);
            return 1;
        }
        beforeLaunch.run();
        try {
            WorkbenchApp.launch(new String[0]);
        } catch (UnsupportedOperationException e) { // DISPLAY set but unreachable: "Unable to open DISPLAY"
            err.println("no display (" + e.getMessage() + "): use the CLI commands (atelier --help)");
            return 1;
        } catch (RuntimeException | Error e) {
            // start() failed (JavaFX wraps it): one line, as every command fails; this path skips picocli's handler
            Throwable cause = e.getCause() != null && String.valueOf(e.getMessage()).startsWith("Exception in Application")
                    ? e.getCause() : e;
            boolean io = cause instanceof java.io.IOException || cause instanceof java.io.UncheckedIOException;
            err.println("atelier: " + Failures.oneLine(io ? cause.getMessage() : "internal error: " + cause));
            return Failures.INTERNAL;
        }
        return 0;
    }

    /**
     * Whether a window can open: Windows and macOS always have a desktop session; elsewhere (X11,
     * Wayland) the session is named by DISPLAY or WAYLAND_DISPLAY. {@code -Djava.awt.headless=true}
     * means none anywhere.
     */
    static boolean hasDisplay(Map<String, String> env, String osName, String awtHeadless) {
        if ("true".equalsIgnoreCase(awtHeadless)) {
            return false;
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows") || os.startsWith("mac")) {
            return true;
        }
        return !env.getOrDefault("DISPLAY", "").isBlank() || !env.getOrDefault("WAYLAND_DISPLAY", "").isBlank();
    }
}
