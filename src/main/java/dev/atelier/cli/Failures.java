package dev.atelier.cli;

import dev.atelier.history.HistoryException;
import dev.atelier.onnx.ModelFolderException;
import dev.atelier.pipeline.GenerationCancelledException;
import dev.atelier.scheduler.SchedulerConfigException;
import dev.atelier.tokenizer.TokenizerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns every failure into one line on stderr and an exit code: 2 for bad input, 130 for a
 * cancellation, 1 otherwise. Java {@link Error}s (a stack overflow from deeply nested input, out of
 * memory) are caught too: they become one line, never a stack trace.
 */
final class Failures {
    static final int BAD_INPUT = 2;
    static final int INTERNAL = 1;
    static final int CANCELLED = 130;
    /** Quoted values longer than this are cut: an error must not echo a 64 MiB input name. */
    static final int MAX_QUOTED = 200;
    /** A message longer than this is cut, whatever it quotes. */
    static final int MAX_LINE = 2000;
    private static final Pattern QUOTED = Pattern.compile("'([^']{" + (MAX_QUOTED + 1) + ",})'");
    private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");
    private static final Logger LOG = LoggerFactory.getLogger(Failures.class);

    private Failures() {
    }

    static int onParameterError(CommandLine.ParameterException e, String[] args) {
        CommandLine cl = e.getCommandLine();
        cl.getErr().println(cl.getCommandSpec().qualifiedName() + ": " + oneLine(e.getMessage())
                + " (see --help)");
        cl.getErr().flush();
        return BAD_INPUT;
    }

    static int onExecutionError(Exception e, CommandLine cl, ParseResult parsed) {
        String name = cl.getCommandSpec().qualifiedName();
        int code;
        String message;
        if (isBadInput(e)) {
            code = BAD_INPUT;
            message = e.getMessage();
        } else if (e instanceof GenerationCancelledException) {
            code = CANCELLED;
            message = e.getMessage();
        } else if (e instanceof IOException || e instanceof UncheckedIOException || e instanceof HistoryException) {
            code = INTERNAL;
            message = e.getMessage();
        } else {
            code = INTERNAL;
            message = "internal error: " + e;
        }
        return report(cl, name, code, message, e);
    }

    /** Logs the full failure (the log file only) and prints its one line. */
    private static int report(CommandLine cl, String name, int code, String message, Throwable e) {
        LOG.debug("{} failed", name, e);
        cl.getErr().println(name + ": " + oneLine(message));
        cl.getErr().flush();
        return code;
    }

    /** One line and an exit code for an {@link Error} that escaped a command. */
    static int onError(Error e, CommandLine cl) {
        String name = cl.getCommandSpec().qualifiedName();
        int code;
        String message;
        if (e instanceof StackOverflowError) {
            code = BAD_INPUT;
            message = "the input is nested too deeply to process (stack overflow)";
        } else if (e instanceof OutOfMemoryError) {
            code = INTERNAL;
            message = "ran out of memory (" + e.getMessage() + "); try a smaller size, a shorter prompt or a"
                    + " lower --memory-budget";
        } else {
            code = INTERNAL;
            message = "internal error: " + e;
        }
        return report(cl, name, code, message, e);
    }

    /**
     * Bad input: our own one-line exceptions, and ONNX Runtime refusing a graph at run time (a shape
     * or type defect of the model file, whose message names the file).
     */
    static boolean isBadInput(Throwable e) {
        return e instanceof UsageException || e instanceof ModelFolderException || e instanceof TokenizerException
                || e instanceof SchedulerConfigException || e instanceof IllegalArgumentException
                || e instanceof IllegalStateException && e.getCause() instanceof ai.onnxruntime.OrtException;
    }

    /** {@code message} on one line, without terminal colour codes, quoted values cut to {@link #MAX_QUOTED}. */
    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        String text = message.length() > 100 * MAX_LINE ? message.substring(0, 100 * MAX_LINE) : message;
        String line = ANSI.matcher(text).replaceAll("").strip().replaceAll("\\s*\\R\\s*", " ");
        line = QUOTED.matcher(line).replaceAll(m -> Matcher.quoteReplacement("'" + m.group(1).substring(0, MAX_QUOTED)
                + "...' (" + m.group(1).length() + " characters)"));
        return line.length() > MAX_LINE ? line.substring(0, MAX_LINE) + "... (cut)" : line;
    }
}
