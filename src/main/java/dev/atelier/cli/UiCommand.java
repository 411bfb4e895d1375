package dev.atelier.cli;

import dev.atelier.ui.WorkbenchApp;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code ui}: opens the workbench window (also what {@code atelier} with no arguments does). */
@Command(name = "ui", mixinStandardHelpOptions = true, description = "Open the workbench window.")
final class UiCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        CliData.applyToWindow(spec);
        WorkbenchApp.launch(new String[0]);
        return 0;
    }
}
