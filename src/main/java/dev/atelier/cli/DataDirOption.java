package dev.atelier.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.nio.file.Path;

/**
 * The global {@code --data-dir} seen from a subcommand's mixin: the user data folder holding
 * {@code library.db} and {@code wildcards/} ({@link CliData#folder}).
 */
final class DataDirOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec mixee;

    Path folder() {
        return CliData.folder(mixee).root();
    }

    Path wildcards() {
        return folder().resolve("wildcards");
    }
}
