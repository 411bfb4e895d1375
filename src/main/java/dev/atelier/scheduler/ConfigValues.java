package dev.atelier.scheduler;

import dev.atelier.files.Quoting;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Typed reads from a merged config map, with one clear message per wrong value. */
final class ConfigValues {
    private final Map<String, Object> values;

    ConfigValues(Map<String, Object> values) {
        this.values = values;
    }

    int integer(String key) {
        Object v = values.get(key);
        if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())
                && Math.abs(n.doubleValue()) <= Integer.MAX_VALUE) {
            return n.intValue();
        }
        throw wrong(key, "an integer", v);
    }

    double number(String key) {
        Object v = values.get(key);
        if (v instanceof Number n) {
            return n.doubleValue();
        }
        throw wrong(key, "a number", v);
    }

    Double optionalNumber(String key) {
        return values.get(key) == null ? null : number(key);
    }

    boolean bool(String key) {
        Object v = values.get(key);
        if (v instanceof Boolean b) {
            return b;
        }
        throw wrong(key, "true or false", v);
    }

    String string(String key) {
        Object v = values.get(key);
        if (v instanceof String s) {
            return s;
        }
        throw wrong(key, "a string", v);
    }

    List<Double> optionalNumbers(String key) {
        Object v = values.get(key);
        if (v == null) {
            return null;
        }
        if (v instanceof List<?> list) {
            List<Double> out = new ArrayList<>(list.size());
            for (Object o : list) {
                if (!(o instanceof Number n)) {
                    throw wrong(key, "a list of numbers", v);
                }
                out.add(n.doubleValue());
            }
            return List.copyOf(out);
        }
        if (v instanceof double[] arr) {
            List<Double> out = new ArrayList<>(arr.length);
            for (double d : arr) {
                out.add(d);
            }
            return List.copyOf(out);
        }
        throw wrong(key, "a list of numbers or null", v);
    }

    private static IllegalArgumentException wrong(String key, String expected, Object got) {
        String shown = got instanceof String s ? Quoting.quote(s) : Quoting.truncate(String.valueOf(got));
        return new IllegalArgumentException(
                "Scheduler config key \"" + key + "\" must be " + expected + ", got " + shown + ".");
    }
}
