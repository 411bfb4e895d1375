package dev.atelier.cli;

import picocli.CommandLine.Option;

/** {@code --no-history}: generations are recorded in the data folder's history unless this is given. */
final class HistoryOptions {
    @Option(names = "--no-history", description = "Do not record this generation in the history (nor save it in the data folder).")
    boolean noHistory;
}
