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

/** Turns every failure into one line on stderr and an exit code: 2 for bad input, 1 otherwise. */
final class Failures {
    static final int BAD_INPUT = 2;
    static final int INTERNAL = 1;
    static final int CANCELLED = 130;
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
        LOG.debug("{} failed", name, e);
        cl.getErr().println(name + ": " + oneLine(message));
        cl.getErr().flush();
        return code;
    }

    static boolean isBadInput(Throwable e) {
        return e instanceof UsageException || e instanceof ModelFolderException || e instanceof TokenizerException
                || e instanceof SchedulerConfigException || e instanceof IllegalArgumentException;
    }

    static String oneLine(String message) {
        if (message == null || message.isBlank()) {
            return "unknown error";
        }
        return message.strip().replaceAll("\\s*\\R\\s*", " ");
    }
}
