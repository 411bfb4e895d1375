package dev.atelier.history;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.atelier.image.AtomicFiles;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Exports a selection of history rows: each image copied as {@code ID-NAME.png} and their settings
 * in one {@code settings.csv} and one {@code settings.json}. Every file is written atomically.
 */
public final class HistoryExport {
    public static final String CSV_NAME = "settings.csv";
    public static final String JSON_NAME = "settings.json";

    /** What an export wrote; {@code missing} are the ids whose image was gone (their settings are still exported). */
    public record Summary(int images, List<Long> missing, Path csv, Path json) {
        public Summary {
            missing = List.copyOf(missing);
        }
    }

    private HistoryExport() {
    }

    public static Summary export(List<HistoryRecord> rows, Path outDir) throws IOException {
        Files.createDirectories(outDir);
        List<Map<String, Object>> settings = new ArrayList<>();
        List<Long> missing = new ArrayList<>();
        int images = 0;
        for (HistoryRecord r : rows) {
            Map<String, Object> m = new LinkedHashMap<>(r.settings());
            Path source = r.imageFile();
            if (Files.isRegularFile(source)) {
                Path target = outDir.resolve(r.id() + "-" + source.getFileName());
                AtomicFiles.write(target, out -> Files.copy(source, out));
                m.put("file", target.getFileName().toString());
                images++;
            } else {
                m.put("file", "");
                missing.add(r.id());
            }
            settings.add(m);
        }
        Path csv = outDir.resolve(CSV_NAME);
        AtomicFiles.write(csv, out -> writeCsv(settings, out));
        Path json = outDir.resolve(JSON_NAME);
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        AtomicFiles.writeBytes(json, mapper.writeValueAsBytes(settings));
        return new Summary(images, missing, csv, json);
    }

    private static void writeCsv(List<Map<String, Object>> settings, java.io.OutputStream out) throws IOException {
        Writer w = new OutputStreamWriter(out, StandardCharsets.UTF_8);
        List<String> header = settings.isEmpty() ? List.of("id") : new ArrayList<>(settings.getFirst().keySet());
        CSVPrinter printer = new CSVPrinter(w, CSVFormat.DEFAULT.builder().setHeader(header.toArray(String[]::new)).get());
        ObjectMapper mapper = new ObjectMapper();
        for (Map<String, Object> m : settings) {
            List<Object> values = new ArrayList<>();
            for (String h : header) {
                Object v = m.get(h);
                values.add(v instanceof Map<?, ?> map ? mapper.writeValueAsString(map) : v);
            }
            printer.printRecord(values);
        }
        printer.flush();
    }
}
