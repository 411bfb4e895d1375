package dev.atelier.preset;

import java.util.ArrayList;
import java.util.List;

/**
 * The subset of Python's {@code csv} module (excel dialect) that A1111's {@code styles.csv} uses:
 * comma separator, {@code "} quoting with {@code ""} escapes, newlines inside quoted fields,
 * {@code skipinitialspace=True} on reading, {@code QUOTE_MINIMAL} and CRLF on writing.
 * Hand-written (about 80 lines) rather than adding a CSV dependency; see docs/FORMATS.md.
 */
final class CsvRows {
    private CsvRows() {
    }

    /** One parsed row with the 1-based line it started on. */
    record Row(int line, List<String> fields) {
    }

    /**
     * Splits {@code text} into rows; blank lines give no row. Like Python (non-strict), text after
     * a closing quote is appended to the field.
     *
     * @throws IllegalArgumentException when a quoted field is never closed
     */
    static List<Row> parse(String text) {
        List<Row> rows = new ArrayList<>();
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int line = 1;
        int rowLine = 1;
        int quoteLine = 0;
        boolean inQuotes = false;
        boolean atFieldStart = true;
        boolean rowHasContent = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (inQuotes) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    inQuotes = false;
                } else {
                    line += c == '\n' ? 1 : 0;
                    field.append(c);
                }
            } else if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                atFieldStart = true;
                rowHasContent = true;
            } else if (c == '\r' || c == '\n') {
                if (c == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                    i++;
                }
                if (rowHasContent || !field.isEmpty()) {
                    fields.add(field.toString());
                    rows.add(new Row(rowLine, List.copyOf(fields)));
                }
                fields.clear();
                field.setLength(0);
                atFieldStart = true;
                rowHasContent = false;
                rowLine = ++line;
            } else if (atFieldStart && c == ' ') {
                rowHasContent = true; // skipinitialspace
            } else if (atFieldStart && c == '"') {
                inQuotes = true;
                quoteLine = line;
                atFieldStart = false;
                rowHasContent = true;
            } else {
                field.append(c);
                atFieldStart = false;
                rowHasContent = true;
            }
        }
        if (inQuotes) {
            throw new IllegalArgumentException("quoted field starting on line " + quoteLine + " is never closed");
        }
        if (rowHasContent || !field.isEmpty()) {
            fields.add(field.toString());
            rows.add(new Row(rowLine, List.copyOf(fields)));
        }
        return rows;
    }

    /** One row as Python's {@code csv.writer} writes it ({@code QUOTE_MINIMAL}, CRLF). */
    static String formatRow(List<String> fields) {
        StringBuilder out = new StringBuilder();
        for (String f : fields) {
            if (!out.isEmpty()) {
                out.append(',');
            }
            boolean quote = f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\r') >= 0 || f.indexOf('\n') >= 0;
            out.append(quote ? '"' + f.replace("\"", "\"\"") + '"' : f);
        }
        return out.append("\r\n").toString();
    }
}
