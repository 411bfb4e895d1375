package dev.atelier.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import dev.atelier.preset.ImportReport;
import dev.atelier.preset.LibraryEntry;
import dev.atelier.preset.OnConflict;
import dev.atelier.preset.Preset;
import dev.atelier.preset.PresetFiles;
import dev.atelier.preset.PresetFormat;
import dev.atelier.preset.PresetLibrary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** {@code presets list|import|export}: the preset library from the command line. */
@Command(name = "presets", mixinStandardHelpOptions = true, description = "List, import and export prompt presets.",
        subcommands = {PresetsCommand.PresetListCommand.class, PresetsCommand.PresetImportCommand.class,
                PresetsCommand.PresetExportCommand.class})
final class PresetsCommand implements Runnable {
    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        throw new UsageException("expected a subcommand: list, import or export");
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the library's presets.")
    static final class PresetListCommand implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--json", description = "Print JSON (Atelier's preset format, thumbnails left out).")
        boolean json;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PrintWriter out = spec.commandLine().getOut();
            try (PresetLibrary library = new PresetLibrary(CliData.folder(spec).root())) {
                List<LibraryEntry> entries = library.all();
                if (json) {
                    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
                    var tree = mapper.readTree(PresetFormat.ATELIER.write(entries.stream().map(e -> e.preset().withThumbnail(null)).toList()));
                    ArrayNode presets = (ArrayNode) tree.get("presets");
                    for (int i = 0; i < entries.size(); i++) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) presets.get(i))
                                .put("created", entries.get(i).created().toString()).put("updated", entries.get(i).updated().toString());
                    }
                    out.println(mapper.writeValueAsString(tree));
                } else {
                    for (LibraryEntry e : entries) {
                        Preset p = e.preset();
                        out.printf(Locale.ROOT, "%s%s%s%s%n", p.favourite() ? "* " : "", p.name(),
                                p.folder().isEmpty() ? "" : "  [" + p.folder() + "]", p.tags().isEmpty() ? "" : "  #" + String.join(" #", p.tags()));
                    }
                    out.printf(Locale.ROOT, "%d presets in %s%n", entries.size(), CliData.folder(spec).root().resolve(PresetLibrary.FILE_NAME));
                }
            }
            out.flush();
            return 0;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Import presets from a styles.csv, Fooocus/InvokeAI/SwarmUI/Atelier file (format detected from content). All or nothing.")
    static final class PresetImportCommand implements java.util.concurrent.Callable<Integer> {
        @Parameters(paramLabel = "FILE", description = "Preset file(s); several styles.csv files import together.", arity = "1..*")
        List<String> files;
        @Option(names = "--on-conflict", paramLabel = "MODE", defaultValue = "skip",
                description = "skip, replace or rename a preset whose name the library has (default: ${DEFAULT-VALUE}).")
        String onConflict;
        @Option(names = "--format", paramLabel = "NAME", description = "Read as this format instead of detecting it.")
        String format;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            OnConflict policy = Choices.oneOf("--on-conflict", onConflict, OnConflict.values(), c -> c.name().toLowerCase(Locale.ROOT));
            PresetFormat forced = format == null ? null : PresetFiles.format(format);
            java.util.Map<String, Preset> a1111 = new java.util.LinkedHashMap<>();
            List<Preset> all = new java.util.ArrayList<>();
            for (String name : files) {
                Path file = Choices.path("FILE", name);
                if (!Files.isRegularFile(file)) {
                    throw new UsageException("preset file '" + name + "' does not exist");
                }
                PresetFiles.Loaded loaded = PresetFiles.read(file, forced); // every file read before anything is stored
                if (loaded.format() == PresetFormat.A1111) {
                    loaded.presets().forEach(p -> a1111.put(p.name(), p)); // several styles*.csv: a later file wins, as in A1111
                } else {
                    all.addAll(loaded.presets());
                }
            }
            all.addAll(a1111.values());
            try (PresetLibrary library = new PresetLibrary(CliData.folder(spec).root())) {
                ImportReport report = library.importAll(all, policy);
                PrintWriter out = spec.commandLine().getOut();
                out.println("imported " + all.size() + " presets: " + report.summary()
                        + (report.skipped() > 0 ? "; --on-conflict replace or rename takes them" : ""));
                report.renamed().forEach(r -> out.println("  renamed " + r));
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Export the library's presets to a file.")
    static final class PresetExportCommand implements java.util.concurrent.Callable<Integer> {
        @Option(names = "--format", required = true, paramLabel = "NAME",
                description = "a1111, fooocus, invokeai-csv, invokeai-json, swarmui or atelier.")
        String format;
        @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file (a styles.csv keeps a .bak of the old one).")
        String out;
        @Option(names = "--preset", paramLabel = "NAME", description = "Only this preset (repeatable; default: all).")
        List<String> names;
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            PresetFormat chosen = PresetFiles.format(format);
            Path target = Choices.path("--out", out);
            Path parent = target.toAbsolutePath().getParent();
            if (parent == null || !Files.isDirectory(parent)) {
                throw new UsageException("--out: folder " + parent + " does not exist");
            }
            List<Preset> presets;
            try (PresetLibrary library = new PresetLibrary(CliData.folder(spec).root())) {
                if (names == null) {
                    presets = library.all().stream().map(LibraryEntry::preset).toList();
                } else {
                    presets = new java.util.ArrayList<>();
                    for (String name : names) {
                        presets.add(library.find(name).orElseThrow(() -> new UsageException("--preset: no preset named '"
                                + name + "' in the library")).preset());
                    }
                }
            }
            PresetFiles.write(target, chosen, presets);
            spec.commandLine().getOut().printf(Locale.ROOT, "wrote %d presets to %s (%s)%n", presets.size(), target, chosen.cliName());
            spec.commandLine().getOut().flush();
            return 0;
        }
    }
}
