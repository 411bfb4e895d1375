package dev.atelier.image;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A1111's infotext writer ({@code create_infotext}) and reader ({@code parse_generation_parameters},
 * {@code modules/infotext_utils.py}) ported line by line; see docs/FORMATS.md.
 */
final class Infotext {
    /** A1111's {@code re_param}; Python's {@code \w}/{@code \s} are Unicode-aware. */
    private static final Pattern PARAM = Pattern.compile(
            "\\s*(\\w[\\w \\-/]+):\\s*(\"(?:\\\\.|[^\\\\\"])+\"|[^,]*)(?:,|$)", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern KEY = Pattern.compile("\\w[\\w \\-/]+", Pattern.UNICODE_CHARACTER_CLASS);
    private static final Pattern IMAGE_SIZE = Pattern.compile("^(\\d+)x(\\d+)$");
    private static final Pattern NUMBER = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)([eE][-+]?\\d+)?");
    private static final String NEGATIVE = "Negative prompt:";
    private static final Set<String> CORE_KEYS =
            Set.of("Steps", "Sampler", "Schedule type", "CFG scale", "Seed", "Size", "Model hash", "Model");
    /** Key order of A1111 v1.10's {@code generation_params}; unknown keys go in the "*" slot. */
    private static final List<String> ORDER = List.of("Steps", "Sampler", "Schedule type", "CFG scale",
            "Image CFG scale", "Seed", "Face restoration", "Size", "Model hash", "Model", "FP8 weight",
            "Cache FP16 weight for LoRA", "VAE hash", "VAE", "Variation seed", "Variation seed strength",
            "Seed resize from", "Denoising strength", "Conditional mask weight", "Clip skip", "ENSD",
            "Token merging ratio", "Token merging ratio hr", "Init image hash", "RNG", "Tiling", "*",
            "Version", "User");
    private static final int EXTRA_SLOT = ORDER.indexOf("*");
    private static final ObjectReader JSON_STRING = new ObjectMapper().readerFor(String.class);

    private Infotext() {
    }

    private record RankedField(int rank, String key, String value) {
    }

    static String format(GenerationParameters p) {
        List<RankedField> entries = new ArrayList<>();
        addIfPresent(entries, "Steps", p.steps());
        addIfPresent(entries, "Sampler", p.sampler());
        addIfPresent(entries, "Schedule type", p.scheduleType());
        addIfPresent(entries, "CFG scale", p.cfgScale() == null ? null : formatNumber(p.cfgScale()));
        addIfPresent(entries, "Seed", p.seed());
        addIfPresent(entries, "Size", p.width() == null ? null : p.width() + "x" + p.height());
        addIfPresent(entries, "Model hash", p.modelHash());
        addIfPresent(entries, "Model", p.modelName());
        // Unknown keys go in A1111's extra_generation_params slot, except that ones following
        // Version/User in a parsed text (Forge's "Module 1") stay where they were.
        int previous = EXTRA_SLOT;
        for (Map.Entry<String, String> e : p.extras().entrySet()) {
            int rank = ORDER.indexOf(e.getKey());
            int effective = rank >= 0 ? rank : Math.max(previous, EXTRA_SLOT);
            entries.add(new RankedField(effective, e.getKey(), e.getValue()));
            previous = effective;
        }
        entries.sort(Comparator.comparingInt(RankedField::rank)); // stable: equal ranks keep insertion order
        StringBuilder line = new StringBuilder();
        for (RankedField e : entries) {
            line.append(line.isEmpty() ? "" : ", ")
                    .append(e.key().equals(e.value()) ? e.key() : e.key() + ": " + quote(e.value()));
        }
        String negative = p.negativePrompt().isEmpty() ? "" : "\n" + NEGATIVE + " " + p.negativePrompt();
        return pyStrip(p.prompt() + negative + "\n" + line);
    }

    private static void addIfPresent(List<RankedField> entries, String key, Object value) {
        if (value != null) {
            entries.add(new RankedField(ORDER.indexOf(key), key, value.toString()));
        }
    }

    static GenerationParameters parse(String text) {
        String[] lines = pyStrip(text.replace("\r\n", "\n")).split("\n", -1);
        List<String[]> pairs = params(lines[lines.length - 1]);
        int promptLines = lines.length - 1;
        if (pairs.size() < 3) {
            pairs = List.of();
            promptLines = lines.length;
        }
        StringBuilder prompt = new StringBuilder();
        StringBuilder negative = new StringBuilder();
        boolean doneWithPrompt = false;
        for (int i = 0; i < promptLines; i++) {
            String line = pyStrip(lines[i]);
            if (line.startsWith(NEGATIVE)) {
                doneWithPrompt = true;
                line = pyStrip(line.substring(NEGATIVE.length()));
            }
            StringBuilder target = doneWithPrompt ? negative : prompt;
            target.append(target.isEmpty() ? "" : "\n").append(line);
        }
        GenerationParameters.Builder b = GenerationParameters.builder()
                .prompt(prompt.toString()).negativePrompt(negative.toString());
        Map<String, String> values = new LinkedHashMap<>();
        for (String[] pair : pairs) {
            if (!pair[1].isEmpty()) { // A1111 fails on v[0] of an empty value and skips the pair
                values.put(pair[0], pair[1]);
            }
        }
        String sampler = null;
        String schedule = null;
        String modelName = null;
        String modelHash = null;
        for (Map.Entry<String, String> e : values.entrySet()) {
            String key = e.getKey();
            String value = e.getValue();
            switch (key) {
                case "Steps" -> b.steps(parseInt(key, value));
                case "Sampler" -> sampler = value;
                case "Schedule type" -> schedule = value;
                case "CFG scale" -> b.cfgScale(parseDouble(key, value));
                case "Seed" -> b.seed(parseLong(key, value));
                case "Size" -> {
                    Matcher m = IMAGE_SIZE.matcher(value);
                    if (!m.matches()) {
                        throw new IllegalArgumentException(
                                "Size in the parameters text is '" + value + "', expected WIDTHxHEIGHT like 512x512");
                    }
                    b.size(parseInt(key, m.group(1)), parseInt(key, m.group(2)));
                }
                case "Model" -> modelName = value;
                case "Model hash" -> modelHash = value;
                default -> b.extra(key, value);
            }
        }
        return b.sampler(sampler, schedule).model(modelName, modelHash).build();
    }

    /** {@code re_param.findall} plus A1111's unquoting; empty values are kept so the "at least 3" count matches. */
    private static List<String[]> params(String line) {
        List<String[]> pairs = new ArrayList<>();
        Matcher m = PARAM.matcher(line);
        while (m.find()) {
            String value = m.group(2);
            pairs.add(new String[]{m.group(1), value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")
                    ? unquote(value) : value});
        }
        return pairs;
    }

    /** A1111's {@code quote}: JSON-quote ({@code ensure_ascii=False}) when the value has , : or newline. */
    static String quote(String value) {
        if (value.indexOf(',') < 0 && value.indexOf('\n') < 0 && value.indexOf(':') < 0) {
            return value;
        }
        StringBuilder out = new StringBuilder(value.length() + 2).append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                case '\b' -> out.append("\\b");
                case '\f' -> out.append("\\f");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private static String unquote(String quoted) {
        try {
            return JSON_STRING.readValue(quoted);
        } catch (IOException e) {
            return quoted; // A1111 keeps the raw text when json.loads fails
        }
    }

    /** Python's {@code str.strip()}: also removes Unicode spaces such as U+00A0. */
    static String pyStrip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isPySpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isPySpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    private static boolean isPySpace(char c) {
        return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\u0085';
    }

    static String formatNumber(double value) {
        if (value == Math.rint(value) && Math.abs(value) < 1e15) {
            return Long.toString((long) value);
        }
        return Double.toString(value); // shortest round-trip digits, like Python's repr
    }

    static void checkValue(String key, String value) {
        if (value != null && value.isEmpty()) {
            throw new IllegalArgumentException("'" + key + "' must not be empty (leave it absent instead)");
        }
    }

    static void checkExtraKey(String key) {
        if (key == null || !KEY.matcher(key).matches()) {
            throw new IllegalArgumentException("parameter key '" + key + "' must be a word character followed by "
                    + "at least one letter, digit, space, '-' or '/' (A1111 cannot read it back otherwise)");
        }
        if (CORE_KEYS.contains(key)) {
            throw new IllegalArgumentException("'" + key + "' is a field of GenerationParameters, not an extra");
        }
    }

    private static int parseInt(String key, String value) {
        try {
            return Integer.parseInt(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " in the parameters text is '" + value
                    + "', expected a whole number");
        }
    }

    private static long parseLong(String key, String value) {
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + " in the parameters text is '" + value
                    + "', expected a whole number");
        }
    }

    private static double parseDouble(String key, String value) {
        if (!NUMBER.matcher(value.strip()).matches()) {
            throw new IllegalArgumentException(key + " in the parameters text is '" + value
                    + "', expected a number like 7 or 7.5");
        }
        return Double.parseDouble(value.strip());
    }
}
