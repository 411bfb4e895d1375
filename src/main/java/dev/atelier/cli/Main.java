package dev.atelier.cli;


import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.concurrent.Callable;

/**
 * {@code atelier}: the jar's entry point. With no arguments it opens the window; otherwise it runs
 * a subcommand. Bad arguments or input exit with code 2 and one line on stderr.
 */
@Command(name = "atelier", mixinStandardHelpOptions = true, version = "Atelier 0.1.0",
        description = "Prompt-engineering workbench for Stable Diffusion models on ONNX Runtime.",
        subcommands = {GenerateCommand.class, TokenizeCommand.class, InfoCommand.class, BenchCommand.class,
                UiCommand.class, PresetsCommand.class, InspectCommand.class, HistoryCommand.class,
                CompareCommand.class, AblateCommand.class})
public final class Main implements Callable<Integer> {
    /** Global (inherited by every subcommand): where settings, history and images live. */
    @Option(names = "--data-dir", paramLabel = "DIR", scope = ScopeType.INHERIT,
            description = "Data folder for settings, history and images (default: $ATELIER_DATA_DIR, else the platform's).")
    String dataDir;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        if (args.length == 0) { // the window, as `ui` opens it, without building the whole command tree first
            System.exit(UiCommand.openWindow(new PrintWriter(System.err, true), () -> { }));
        }
        System.exit(commandLine().execute(args));
    }

    /** The configured command line writing to stdout/stderr. */
    public static CommandLine commandLine() {
        return commandLine(new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    /** The configured command line writing to {@code out} and {@code err} (tests pass their own). */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new Main());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpLongOptionsMaxWidth(32); // keeps "--timestep-spacing=NAME" and its label on one line
        cl.setParameterExceptionHandler(Failures::onParameterError);
        cl.setExecutionExceptionHandler(Failures::onExecutionError);
        CommandLine.IExecutionStrategy run = new CommandLine.RunLast();
        cl.setExecutionStrategy(parsed -> {
            try {
                return run.execute(parsed);
            } catch (StackOverflowError | OutOfMemoryError e) {
                CommandLine last = parsed.asCommandLineList().getLast();
                return Failures.onError(e, last);
            }
        });
        return cl;
    }

    /** {@code atelier} with no subcommand (but some option, e.g. none left after parsing): open the window. */
    @Override
    public Integer call() {
        return UiCommand.openWindow(spec.commandLine().getErr(), () -> CliData.applyToWindow(spec));
    }
}
