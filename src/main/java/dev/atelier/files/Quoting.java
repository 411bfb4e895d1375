package dev.atelier.files;

/**
 * Quotes a value taken from a file or from the user for an error message, cut to a readable
 * length: a crafted file can hold a 1 GiB name, and a message must stay one short line.
 */
public final class Quoting {
    /** Characters of a quoted value kept in a message. */
    public static final int MAX_CHARS = 200;

    private Quoting() {
    }

    /**
     * {@code value} in double quotes, control characters (newlines, NUL, ESC) shown as {@code \}{@code uXXXX}
     * escapes and, past {@link #MAX_CHARS}, cut with a note of the full length.
     */
    public static String quote(String value) {
        return "\"" + truncate(value) + "\"";
    }

    /** {@code value} with control characters escaped, cut to {@link #MAX_CHARS} with a length note. */
    public static String truncate(String value) {
        if (value == null) {
            return "null";
        }
        int end = Math.min(value.length(), MAX_CHARS);
        if (end < value.length() && Character.isHighSurrogate(value.charAt(end - 1))) {
            end--; // never split a surrogate pair
        }
        StringBuilder out = new StringBuilder(end + 40);
        for (int i = 0; i < end; i++) {
            char c = value.charAt(i);
            if (Character.isISOControl(c)) {
                out.append(String.format("\\u%04x", (int) c));
            } else {
                out.append(c);
            }
        }
        if (end < value.length()) {
            out.append("... (").append(value.length()).append(" characters)");
        }
        return out.toString();
    }
}
