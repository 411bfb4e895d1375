package dev.atelier.preset;

import java.util.List;

/** What an import did; {@code renamed} lists "old → new" for presets imported under a new name. */
public record ImportReport(int added, int replaced, int skipped, List<String> renamed) {
    public ImportReport {
        renamed = List.copyOf(renamed);
    }

    public String summary() {
        return added + " added, " + replaced + " replaced, " + skipped + " skipped"
                + (skipped > 0 ? " (names already in the library)" : "")
                + (renamed.isEmpty() ? "" : ", " + renamed.size() + " renamed");
    }
}
