package dev.atelier.preset;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Times reading a 10 000-preset styles.csv and importing it into a fresh library (issue 17 asks
 * for under 2 s). Not a unit test; run by hand, see docs/PERFORMANCE.md.
 */
public final class PresetImportBenchmark {
    private PresetImportBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        List<Preset> presets = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            presets.add(Preset.style("style " + i, "photo of {prompt}, take " + i + ", \"quoted\", multi\nline",
                    "blurry, lowres " + i, JoinRule.A1111));
        }
        Path dir = Files.createTempDirectory("preset-bench");
        Path csv = dir.resolve("styles.csv");
        PresetFiles.write(csv, PresetFormat.A1111, presets);
        for (int round = 0; round < 5; round++) {
            Path data = Files.createDirectories(dir.resolve("data" + round));
            long t0 = System.nanoTime();
            List<Preset> read = PresetFiles.read(csv, null).presets();
            long t1 = System.nanoTime();
            long opened;
            try (PresetLibrary library = new PresetLibrary(data)) {
                opened = System.nanoTime(); // the first in a JVM loads SQLite's native library
                library.importAll(read, OnConflict.SKIP);
            }
            long t2 = System.nanoTime();
            System.out.printf(Locale.ROOT, "round %d: read %.0f ms, open library %.0f ms, import %.0f ms, total %.0f ms"
                            + " (%d presets, %d KiB file)%n", round, (t1 - t0) / 1e6, (opened - t1) / 1e6, (t2 - opened) / 1e6,
                    (t2 - t0) / 1e6, read.size(), Files.size(csv) / 1024);
        }
    }
}
