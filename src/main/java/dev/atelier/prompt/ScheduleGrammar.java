package dev.atelier.prompt;

import dev.atelier.prompt.ScheduleNode.Alternate;
import dev.atelier.prompt.ScheduleNode.Scheduled;
import dev.atelier.prompt.ScheduleNode.Seq;
import dev.atelier.prompt.ScheduleNode.Text;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive-descent reading of A1111's lark grammar for prompt schedules:
 * <pre>
 * start:       (prompt | /[][():]/+)*
 * prompt:      (emphasized | scheduled | alternate | plain | WHITESPACE)*
 * emphasized:  "(" prompt ")" | "(" prompt ":" prompt ")" | "[" prompt "]"      (brackets kept)
 * scheduled:   "[" [prompt ":"] prompt ":" [WHITESPACE] NUMBER [WHITESPACE] "]"
 * alternate:   "[" prompt ("|" [prompt])+ "]"
 * plain:       /([^\\\[\]():|]|\\.)+/
 * </pre>
 * Alternatives after "[" are tried in the order scheduled, alternate, emphasized; they cannot
 * overlap, so the first match is the parse. {@code prompt} results are memoised per position
 * (packrat), so backtracking stays linear; nesting deeper than {@value #MAX_DEPTH} is rejected.
 */
final class ScheduleGrammar {
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+(?:\\.\\d*)?|\\.\\d+)(?:[eE][+-]?\\d+)?");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+", Pattern.UNICODE_CHARACTER_CLASS);

    static final int MAX_DEPTH = 200;

    /** Nesting too deep to be a real prompt; the whole prompt is then used verbatim. */
    private static final class TooDeep extends RuntimeException {
        TooDeep() {
            super(null, null, false, false);
        }
    }

    private record Memo(Seq seq, int end) {
    }

    private final String s;
    private final Map<Integer, Memo> memo = new HashMap<>();
    private int pos;
    private int depth;

    private ScheduleGrammar(String s) {
        this.s = s;
    }

    /** The parse of {@code prompt}, or null when the grammar rejects it. */
    static List<ScheduleNode> parse(String prompt) {
        try {
            return new ScheduleGrammar(prompt).start();
        } catch (TooDeep e) {
            return null;
        }
    }

    private List<ScheduleNode> start() {
        List<ScheduleNode> out = new ArrayList<>();
        while (pos < s.length()) {
            int before = pos;
            Seq p = prompt();
            if (!p.items().isEmpty()) {
                out.add(p);
            }
            if (pos < s.length() && pos == before) {
                char c = s.charAt(pos);
                if ("[]():".indexOf(c) < 0) {
                    return null;  // e.g. "|" outside brackets, or a trailing backslash
                }
                out.add(new Text(String.valueOf(c)));  // a stray bracket or colon at top level
                pos++;
            }
        }
        return out;
    }

    private Seq prompt() {
        Memo known = memo.get(pos);
        if (known != null) {
            pos = known.end();
            return known.seq();
        }
        if (++depth > MAX_DEPTH) {
            throw new TooDeep();
        }
        int from = pos;
        Seq seq = items();
        depth--;
        memo.put(from, new Memo(seq, pos));
        return seq;
    }

    private Seq items() {
        List<ScheduleNode> items = new ArrayList<>();
        while (pos < s.length()) {
            int start = pos;
            char c = s.charAt(pos);
            ScheduleNode n = null;
            if (c == '(') {
                n = emphasizedRound();
            } else if (c == '[') {
                n = firstOf();
            } else if ("])|:".indexOf(c) < 0) {
                n = plain();
            }
            if (n == null) {
                pos = start;
                break;
            }
            items.add(n);
        }
        return new Seq(items);
    }

    private ScheduleNode firstOf() {
        int start = pos;
        ScheduleNode n = scheduled();
        if (n == null) {
            pos = start;
            n = alternate();
        }
        if (n == null) {
            pos = start;
            n = emphasizedSquare();
        }
        return n;
    }

    private ScheduleNode plain() {
        StringBuilder text = new StringBuilder();
        while (pos < s.length()) {
            char c = s.charAt(pos);
            if (c == '\\') {
                if (pos + 1 >= s.length() || s.charAt(pos + 1) == '\n') {
                    break;  // lark's "." does not match a newline, and a final backslash matches nothing
                }
                text.append(c).append(s.charAt(pos + 1));
                pos += 2;
            } else if ("[]():|".indexOf(c) >= 0) {
                break;
            } else {
                text.append(c);
                pos++;
            }
        }
        return text.isEmpty() ? null : new Text(text.toString());
    }

    private boolean eat(char c) {
        if (pos < s.length() && s.charAt(pos) == c) {
            pos++;
            return true;
        }
        return false;
    }

    private ScheduleNode emphasizedRound() {
        eat('(');
        Seq first = prompt();
        if (eat(')')) {
            return new Seq(List.of(new Text("("), first, new Text(")")));
        }
        if (!eat(':')) {
            return null;
        }
        Seq second = prompt();
        return eat(')') ? new Seq(List.of(new Text("("), first, new Text(":"), second, new Text(")"))) : null;
    }

    private ScheduleNode emphasizedSquare() {
        eat('[');
        Seq inner = prompt();
        return eat(']') ? new Seq(List.of(new Text("["), inner, new Text("]"))) : null;
    }

    private ScheduleNode scheduled() {
        eat('[');
        Seq first = prompt();
        if (!eat(':')) {
            return null;
        }
        int afterColon = pos;
        String number = whenNumber();
        if (number != null) {
            return new Scheduled(null, first, number);  // [to:when]
        }
        pos = afterColon;
        Seq second = prompt();
        if (!eat(':')) {
            return null;
        }
        number = whenNumber();
        return number == null ? null : new Scheduled(first, second, number);
    }

    /** {@code [WHITESPACE] NUMBER [WHITESPACE] "]"}; the number, or null. */
    private String whenNumber() {
        skip(WHITESPACE);
        Matcher m = NUMBER.matcher(s).region(pos, s.length());
        if (!m.lookingAt()) {
            return null;
        }
        pos = m.end();
        skip(WHITESPACE);
        return eat(']') ? m.group() : null;
    }

    private void skip(Pattern p) {
        Matcher m = p.matcher(s).region(pos, s.length());
        if (m.lookingAt()) {
            pos = m.end();
        }
    }

    private ScheduleNode alternate() {
        eat('[');
        List<Seq> options = new ArrayList<>();
        Seq first = prompt();
        options.add(first.items().isEmpty() ? null : first);
        int bars = 0;
        while (eat('|')) {
            bars++;
            Seq next = prompt();
            options.add(next.items().isEmpty() ? null : next);
        }
        return bars > 0 && eat(']') ? new Alternate(options) : null;
    }
}
