package dev.atelier.scheduler;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the oracle numbers pinned in {@code src/test/resources/reference/*.md} (copied from the
 * project's shared reference notes, see the README there), so the tests run in every clone.
 */
final class Reference {
    private static final Pattern NUMBER = Pattern.compile("(?<![A-Za-z_.\\d])-?\\d+(?:\\.\\d+)?(?:[eE]-?\\d+)?");

    private final String text;

    private Reference(String text) {
        this.text = text;
    }

    static Reference schedulers() {
        return load("SCHEDULERS.md");
    }

    static Reference rng() {
        return load("RNG.md");
    }

    private static Reference load(String name) {
        String resource = "/reference/" + name;
        try (InputStream in = Reference.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new AssertionError("test resource " + resource + " is missing");
            }
            return new Reference(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The text from the first occurrence of {@code marker} on. */
    Reference from(String marker) {
        int at = text.indexOf(marker);
        if (at < 0) {
            throw new AssertionError("reference text lacks \"" + marker + "\"");
        }
        return new Reference(text.substring(at + marker.length()));
    }

    /** The line holding the first occurrence of {@code marker}, from the marker on. */
    String line(String marker) {
        String rest = from(marker).text;
        int end = rest.indexOf('\n');
        return end < 0 ? rest : rest.substring(0, end);
    }

    /** The first {@code [...]} list after {@code marker}; throws if it elides values with "...". */
    double[] list(String marker) {
        Gapped g = gappedList(marker);
        if (g.tail().length > 0) {
            throw new AssertionError("list after \"" + marker + "\" is abbreviated");
        }
        return g.head();
    }

    /** A list that may be written {@code [a, b, ..., y, z]}: the values before and after the ellipsis. */
    Gapped gappedList(String marker) {
        String rest = from(marker).text;
        int open = rest.indexOf('[');
        int close = rest.indexOf(']', open);
        String body = rest.substring(open + 1, close);
        String[] parts = body.split("\\.\\.\\.(?:same to 1e-6\\.\\.\\.)?|…");
        double[] head = numbers(parts[0]);
        double[] tail = parts.length > 1 ? numbers(parts[parts.length - 1]) : new double[0];
        return new Gapped(head, tail);
    }

    /** The non-blank lines from here up to (not including) the first line starting with {@code stop}. */
    List<String> linesUntil(String stop) {
        return text.lines().takeWhile(l -> !l.startsWith(stop)).filter(l -> !l.isBlank()).toList();
    }

    /** The first number after {@code marker}. */
    double number(String marker) {
        return numbers(from(marker).text.substring(0, Math.min(200, from(marker).text.length())))[0];
    }

    /** Numbers per cell of the markdown table row starting with {@code rowStart}: [rest of that cell, 2nd column, 3rd, …]. */
    List<double[]> tableRow(String rowStart) {
        String row = line(rowStart);
        List<double[]> cells = new ArrayList<>();
        for (String cell : row.split("\\|")) {
            cells.add(numbers(cell.replaceAll("`[^`]*`", "")));
        }
        return cells;
    }

    static double[] numbers(String s) {
        List<Double> out = new ArrayList<>();
        Matcher m = NUMBER.matcher(s);
        while (m.find()) {
            out.add(Double.parseDouble(m.group()));
        }
        return out.stream().mapToDouble(Double::doubleValue).toArray();
    }

    record Gapped(double[] head, double[] tail) {
        @Override
        public String toString() {
            return Arrays.toString(head) + " ... " + Arrays.toString(tail);
        }
    }
}
