package dev.atelier.compare;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits an axis's value text and expands A1111's number ranges ({@code scripts/xyz_grid.py}).
 *
 * <p>Values are separated by {@code |} when the text contains one (so values may hold commas),
 * otherwise by {@code ,}. Each value is CSV-quoted as A1111 reads them ({@code csv.reader}): a value
 * in double quotes may hold the separator, {@code ""} inside quotes is one quote, and spaces around
 * values are dropped.
 */
public final class AxisValues {
    // A1111 re_range / re_range_float / re_range_count: "1-8", "1-10 (+2)", "1-10 [5]", floats alike
    private static final String NUMBER = "([+-]?\\s*\\d+(?:\\.\\d*)?)";
    private static final Pattern STEP = Pattern.compile("\\s*" + NUMBER + "\\s*-\\s*" + NUMBER
            + "\\s*\\(\\s*([+-]?\\d+(?:\\.\\d*)?)\\s*\\)\\s*");
    private static final Pattern COUNT = Pattern.compile("\\s*" + NUMBER + "\\s*-\\s*" + NUMBER
            + "\\s*\\[\\s*(\\d+)\\s*]\\s*");
    private static final Pattern PLAIN = Pattern.compile("\\s*" + NUMBER + "\\s*-\\s*" + NUMBER + "\\s*");
    /** A range may not expand into more values than this (a typo like 1-100000 is caught early). */
    public static final int MAX_RANGE_VALUES = 10_000;

    private AxisValues() {
    }

    /** The values of {@code text}, split and unquoted; blank values are dropped. */
    public static List<String> split(String text) {
        char separator = text.indexOf('|') >= 0 ? '|' : ',';
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(separator).setIgnoreSurroundingSpaces(true)
                .setRecordSeparator("\n").get();
        List<String> values = new ArrayList<>();
        try (CSVParser parser = CSVParser.parse(new StringReader(text.replace('\n', ' ')), format)) {
            for (CSVRecord record : parser) {
                record.forEach(v -> {
                    if (!v.isBlank()) {
                        values.add(v.strip());
                    }
                });
            }
        } catch (IOException | UncheckedIOException | IllegalStateException e) {
            // a StringReader cannot fail, so this is the CSV lexer refusing the text
            throw new IllegalArgumentException("cannot split \"" + text + "\": a quote is not closed or stands "
                    + "inside a value; quote whole values, e.g. \"a, b\", c");
        }
        return values;
    }

    /**
     * Whole numbers, each value either a number or a range: {@code 1-5} (1..5), {@code 1-10 (+3)}
     * (1, 4, 7, 10), {@code 10-1 (-3)}, {@code 1-10 [4]} (4 evenly spaced, truncated as A1111's
     * {@code linspace(...).astype(int)}). Stepped ranges stop at the end value: A1111's
     * {@code range(start, end + step, step)} can pass it when the step does not divide the span.
     */
    public static List<Long> longs(String axis, List<String> values) {
        List<Long> out = new ArrayList<>();
        for (String v : values) {
            for (BigDecimal d : expand(axis, v, true)) {
                try {
                    out.add(d.longValueExact());
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException(axis + " value \"" + v + "\" must be whole numbers");
                }
            }
        }
        return out;
    }

    /** Numbers with fractions allowed, ranges as in {@link #longs}; counts are exact linspace values. */
    public static List<Double> doubles(String axis, List<String> values) {
        List<Double> out = new ArrayList<>();
        for (String v : values) {
            expand(axis, v, false).forEach(d -> out.add(d.doubleValue()));
        }
        return out;
    }

    private static List<BigDecimal> expand(String axis, String value, boolean integral) {
        Matcher m;
        if ((m = STEP.matcher(value)).matches()) {
            BigDecimal start = number(m.group(1));
            BigDecimal end = number(m.group(2));
            BigDecimal step = number(m.group(3));
            if (step.signum() == 0 || step.signum() != end.subtract(start).signum() && end.compareTo(start) != 0) {
                throw new IllegalArgumentException(axis + " range \"" + value + "\" never reaches its end; the step's sign "
                        + "must lead from " + start.toPlainString() + " to " + end.toPlainString());
            }
            List<BigDecimal> out = new ArrayList<>();
            for (BigDecimal x = start; step.signum() > 0 ? x.compareTo(end) <= 0 : x.compareTo(end) >= 0; x = x.add(step)) {
                out.add(x);
                checkSize(axis, value, out.size());
            }
            return out;
        }
        if ((m = COUNT.matcher(value)).matches()) {
            BigDecimal start = number(m.group(1));
            BigDecimal end = number(m.group(2));
            int count = Integer.parseInt(m.group(3));
            if (count < 1) {
                throw new IllegalArgumentException(axis + " range \"" + value + "\" asks for no values; use a count of 1 or more");
            }
            checkSize(axis, value, count);
            List<BigDecimal> out = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                double x = count == 1 ? start.doubleValue()
                        : start.doubleValue() + (end.doubleValue() - start.doubleValue()) * i / (count - 1);
                out.add(integral ? BigDecimal.valueOf((long) x) : BigDecimal.valueOf(x));
            }
            return out;
        }
        if ((m = PLAIN.matcher(value)).matches()) {
            BigDecimal start = number(m.group(1));
            BigDecimal end = number(m.group(2));
            BigDecimal step = BigDecimal.valueOf(end.compareTo(start) >= 0 ? 1 : -1);
            return expand(axis, start.toPlainString() + "-" + end.toPlainString() + " (" + (step.signum() > 0 ? "+" : "") + step + ")", integral);
        }
        try {
            return List.of(number(value));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(axis + " value \"" + value + "\" is not a number or a range; expected e.g. "
                    + "7, 1-8, 1-10 (+2) or 1-10 [5]");
        }
    }

    private static BigDecimal number(String text) {
        return new BigDecimal(text.replace(" ", "").replaceFirst("^\\+", "").replaceFirst("\\.$", ""));
    }

    private static void checkSize(String axis, String value, int size) {
        if (size > MAX_RANGE_VALUES) {
            throw new IllegalArgumentException(axis + " range \"" + value + "\" expands to more than "
                    + MAX_RANGE_VALUES + " values");
        }
    }
}
