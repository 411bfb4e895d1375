package dev.atelier.preset;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVPrinter;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;

/** CSV reading and writing through commons-csv in the dialect A1111 and InvokeAI use (Python's csv). */
final class CsvTables {
    /** Python's excel dialect: comma, {@code "} quoting, CRLF; {@code skipinitialspace} on reading. */
    private static final CSVFormat READ = CSVFormat.DEFAULT.builder()
            .setIgnoreSurroundingSpaces(true).setIgnoreEmptyLines(true).get();

    private CsvTables() {
    }

    /** One record: its 1-based number in the file (the header is 1) and its cells. */
    record CsvRecord(long number, List<String> cells) {
        String cell(int column) {
            return column >= 0 && column < cells.size() ? cells.get(column) : "";
        }
    }

    /** Every record of {@code text}, the header first. */
    static List<CsvRecord> parse(String text) {
        List<CsvRecord> rows = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text), READ)) {
            for (CSVRecord record : parser) {
                rows.add(new CsvRecord(record.getRecordNumber(), record.toList()));
            }
        } catch (IOException | UncheckedIOException e) {
            // the iterator wraps commons-csv's CSVException: its own message, without the class name, is the one to show
            Throwable cause = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
            String message = cause.getMessage() == null ? "" : cause.getMessage().strip();
            throw new PresetFormatException("malformed CSV in row " + (rows.size() + 1) + ": " + explain(message), e);
        }
        return rows;
    }

    /** commons-csv's wording in a designer's terms, keeping its line and position. */
    private static String explain(String message) {
        if (message.contains("EOF")) {
            return "a quoted cell is never closed (unbalanced \")";
        }
        String where = message.replaceFirst("(?s).*?(at line: \\d+, position: \\d+).*", "$1");
        if (message.startsWith("Invalid character between encapsulated token and delimiter")) {
            return "text after a closing quote, before the next comma (" + where.replace("at line: ", "line ")
                    .replace("position: ", "character ") + "); quote the whole cell and double any \" inside it";
        }
        return message;
    }

    /** Rows written with minimal quoting and {@code lineSeparator}. */
    static String format(List<List<String>> rows, String lineSeparator) {
        StringBuilder out = new StringBuilder();
        try (CSVPrinter printer = new CSVPrinter(out, CSVFormat.DEFAULT.builder().setRecordSeparator(lineSeparator).get())) {
            for (List<String> row : rows) {
                printer.printRecord(row);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringBuilder does not fail
        }
        return out.toString();
    }
}
