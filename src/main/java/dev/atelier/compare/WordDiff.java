package dev.atelier.compare;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A word-level diff of two prompt texts: the longest common subsequence of their words, the rest
 * marked removed (only in the left text) or added (only in the right). Words are split on
 * whitespace; punctuation stays attached, so {@code dog,} and {@code dog} differ as typed.
 */
public final class WordDiff {
    /** How a word of the diff relates the two texts. */
    public enum WordChange { SAME, REMOVED, ADDED }

    /** One word of the diff. */
    public record DiffWord(String text, WordChange change) {
    }

    private WordDiff() {
    }

    public static List<DiffWord> of(String left, String right) {
        String[] a = words(left);
        String[] b = words(right);
        int[][] lcs = new int[a.length + 1][b.length + 1];
        for (int i = a.length - 1; i >= 0; i--) {
            for (int j = b.length - 1; j >= 0; j--) {
                lcs[i][j] = a[i].equals(b[j]) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<DiffWord> out = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.length && j < b.length) {
            if (a[i].equals(b[j])) {
                out.add(new DiffWord(a[i++], WordChange.SAME));
                j++;
            } else if (lcs[i + 1][j] >= lcs[i][j + 1]) {
                out.add(new DiffWord(a[i++], WordChange.REMOVED));
            } else {
                out.add(new DiffWord(b[j++], WordChange.ADDED));
            }
        }
        while (i < a.length) {
            out.add(new DiffWord(a[i++], WordChange.REMOVED));
        }
        while (j < b.length) {
            out.add(new DiffWord(b[j++], WordChange.ADDED));
        }
        return out;
    }

    /** The diff as text: removed words as {@code [-word-]}, added as {@code {+word+}} (git's word-diff style). */
    public static String format(List<DiffWord> diff) {
        List<String> parts = new ArrayList<>();
        for (DiffWord w : diff) {
            parts.add(switch (w.change()) {
                case SAME -> w.text();
                case REMOVED -> "[-" + w.text() + "-]";
                case ADDED -> "{+" + w.text() + "+}";
            });
        }
        return String.join(" ", parts);
    }

    private static String[] words(String text) {
        String t = text == null ? "" : text.strip();
        return t.isEmpty() ? new String[0] : Arrays.stream(t.split("\\s+")).toArray(String[]::new);
    }
}
