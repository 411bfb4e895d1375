package dev.atelier.preset;

import java.util.List;

/** What an import did; {@code renamed} lists "old → new" for presets imported under a new name. */
public record ImportReport(int added, int replaced, int skipped, List<String> renamed) {
    public ImportReport {
        renamed = List.copyOf(renamed);
    }

    public String summary() {
        return added + " added, " + replaced + " replaced, " + skipped + " skipped"
                + (renamed.isEmpty() ? "" : ", " + renamed.size() + " renamed");
    }
}
