package dev.atelier.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.atelier.history.HistoryExport;
import dev.atelier.history.HistoryQuery;
import dev.atelier.history.HistoryRecord;
import dev.atelier.history.HistoryStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code history}: list, search, show and export the generations kept in the data folder. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = "List, search, show and export past generations.",
        subcommands = {HistoryCommand.ListRows.class, HistoryCommand.Search.class, HistoryCommand.Show.class,
                HistoryCommand.Export.class})
final class HistoryCommand implements Callable<Integer> {
    private static final int PROMPT_COLUMN = 60;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        throw new UsageException("give a subcommand: list, search, show or export");
    }

    HistoryStore open() {
        PrintWriter err = spec.commandLine().getErr();
        HistoryStore store = HistoryStore.open(CliData.folder(spec), notice -> err.println("note: " + notice));
        try {
            store.startupChecks().join(); // rows print with their missing marks
        } catch (java.util.concurrent.CompletionException e) {
            store.close();
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
        return store;
    }

    static void print(PrintWriter out, List<HistoryRecord> rows, boolean json) throws IOException {
        if (json) {
            List<Map<String, Object>> all = new ArrayList<>();
            rows.forEach(r -> all.add(r.settings()));
            out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(all));
        } else {
            for (HistoryRecord r : rows) {
                out.printf(Locale.ROOT, "%6d  %s  %-16s seed %-10d %3d steps  %s%s%s%n", r.id(),
                        r.createdAt().toString().substring(0, 19).replace('T', ' '), r.modelName(), r.seed(), r.steps(),
                        r.favourite() ? "* " : "", shortPrompt(r.prompt()),
                        r.status().name().equals("OK") ? "" : "  [" + r.status().name().toLowerCase(Locale.ROOT) + "]");
            }
        }
        out.flush();
    }

    private static String shortPrompt(String prompt) {
        String one = prompt.replaceAll("\\s+", " ").replace("\u0000", "\\0");
        return one.length() <= PROMPT_COLUMN ? one : one.substring(0, PROMPT_COLUMN - 1) + "…";
    }

    static void checkLimit(int limit) {
        if (limit < 1 || limit > HistoryQuery.MAX_LIMIT) {
            throw new UsageException("--limit: " + limit + " is out of range; expected 1.." + HistoryQuery.MAX_LIMIT);
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "The newest generations first.")
    static final class ListRows implements Callable<Integer> {
        @ParentCommand
        HistoryCommand parent;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "20", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit = 20;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            checkLimit(limit);
            try (HistoryStore store = parent.open()) {
                print(parent.spec.commandLine().getOut(), store.list(HistoryQuery.latest(limit)), json);
            }
            return 0;
        }
    }

    @Command(name = "search", mixinStandardHelpOptions = true,
            description = "Full-text search over prompt, negative prompt and composer fields (words, \"a phrase\", AND/OR/NOT).")
    static final class Search implements Callable<Integer> {
        @ParentCommand
        HistoryCommand parent;
        @Parameters(paramLabel = "TEXT", description = "What to find.")
        String text;
        @Option(names = "--limit", paramLabel = "N", defaultValue = "50", description = "How many (default: ${DEFAULT-VALUE}).")
        int limit = 50;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            checkLimit(limit);
            if (text.isBlank()) {
                throw new UsageException("TEXT is empty; expected words to search for");
            }
            try (HistoryStore store = parent.open()) {
                print(parent.spec.commandLine().getOut(), store.list(HistoryQuery.search(text, limit)), json);
            }
            return 0;
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Every setting of one generation.")
    static final class Show implements Callable<Integer> {
        @ParentCommand
        HistoryCommand parent;
        @Parameters(paramLabel = "ID", description = "The generation's id (see history list).")
        long id;
        @Option(names = "--json", description = "Print JSON.")
        boolean json;

        @Override
        public Integer call() throws IOException {
            try (HistoryStore store = parent.open()) {
                HistoryRecord r = store.get(id).orElseThrow(() -> new UsageException("no history entry with id " + id));
                PrintWriter out = parent.spec.commandLine().getOut();
                if (json) {
                    out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(r.settings()));
                } else {
                    r.settings().forEach((k, v) -> out.printf(Locale.ROOT, "%-17s %s%n", k + ":", v));
                }
                out.flush();
            }
            return 0;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Copy images and write their settings (settings.csv, settings.json) into a folder: "
                    + "the given ids, what --search finds, or (neither) the whole history, newest first, up to 10 000.")
    static final class Export implements Callable<Integer> {
        @ParentCommand
        HistoryCommand parent;
        @Option(names = "--out", required = true, paramLabel = "DIR", description = "Folder to export into (created if missing).")
        String out;
        @Option(names = "--search", paramLabel = "TEXT", description = "Export what this search finds (up to 10 000).")
        String search;
        @Parameters(paramLabel = "ID", arity = "0..*", description = "Ids to export (none and no --search: everything).")
        List<Long> ids = new ArrayList<>();

        @Override
        public Integer call() throws IOException {
            Path dir = Choices.path("--out", out);
            if (search != null && !ids.isEmpty()) {
                throw new UsageException("give IDs or --search TEXT, not both (neither exports the whole history)");
            }
            try (HistoryStore store = parent.open()) {
                List<HistoryRecord> rows = new ArrayList<>();
                if (search != null) {
                    rows.addAll(store.list(HistoryQuery.search(search, HistoryQuery.MAX_LIMIT)));
                } else if (ids.isEmpty()) {
                    rows.addAll(store.list(HistoryQuery.latest(HistoryQuery.MAX_LIMIT)));
                } else {
                    for (long id : ids) {
                        rows.add(store.get(id).orElseThrow(() -> new UsageException("no history entry with id " + id)));
                    }
                }
                HistoryExport.Summary s = HistoryExport.export(rows, dir);
                PrintWriter o = parent.spec.commandLine().getOut();
                o.printf(Locale.ROOT, "exported %d image%s and their settings to %s%s%n", s.images(),
                        s.images() == 1 ? "" : "s", dir, s.missing().isEmpty() ? "" : "; missing images: " + s.missing());
                o.flush();
            }
            return 0;
        }
    }
}
