package dev.atelier.scheduler;

import dev.atelier.files.Quoting;

import java.util.Arrays;
import java.util.Locale;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Parses diffusers config strings into enums with one clear message listing the valid names. */
final class ConfigNames {
    private ConfigNames() {
    }

    static <E extends Enum<E>> E parse(Class<E> type, String key, String value, Function<E, String> nameOf) {
        if (value != null) {
            String wanted = value.trim().toLowerCase(Locale.ROOT);
            for (E e : type.getEnumConstants()) {
                if (nameOf.apply(e).equals(wanted)) {
                    return e;
                }
            }
        }
        String valid = Arrays.stream(type.getEnumConstants()).map(nameOf)
                .map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
        throw new IllegalArgumentException("Unknown " + key + " " + Quoting.quote(value) + "; expected one of " + valid + ".");
    }
}
