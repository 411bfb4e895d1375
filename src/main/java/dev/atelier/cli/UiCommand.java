package dev.atelier.cli;

import dev.atelier.ui.WorkbenchApp;
import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** {@code ui}: opens the workbench window (also what {@code atelier} with no arguments does). */
@Command(name = "ui", mixinStandardHelpOptions = true, description = "Open the workbench window.")
final class UiCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        WorkbenchApp.launch(new String[0]);
        return 0;
    }
}
