package dev.atelier.history;

import java.time.Instant;

/**
 * Which history rows to list, newest first.
 *
 * @param text           full-text query over prompt, negative and fields (FTS5 syntax: words,
 *                       {@code "a phrase"}, AND/OR/NOT; substring matching); {@code null} = all
 * @param model          only this model name; {@code null} = any
 * @param favouritesOnly only starred rows
 * @param from           created at or after; {@code null} = no bound
 * @param to             created before; {@code null} = no bound
 * @param includeDeleted also rows moved to the trash
 * @param limit          page size, 1 .. 10 000
 * @param offset         rows to skip
 */
public record HistoryQuery(String text, String model, boolean favouritesOnly, Instant from, Instant to,
                           boolean includeDeleted, int limit, int offset) {
    public static final int MAX_LIMIT = 10_000;

    public HistoryQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be between 1 and " + MAX_LIMIT + ", got " + limit);
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be 0 or more, got " + offset);
        }
        text = text == null || text.isBlank() ? null : text;
    }

    /** The newest {@code limit} rows, not deleted. */
    public static HistoryQuery latest(int limit) {
        return new HistoryQuery(null, null, false, null, null, false, limit, 0);
    }

    /** The newest {@code limit} rows matching {@code text}. */
    public static HistoryQuery search(String text, int limit) {
        return new HistoryQuery(text, null, false, null, null, false, limit, 0);
    }

    /** {@code text} as one FTS phrase: found exactly as typed, quotes included. */
    public static String phrase(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }

    public HistoryQuery withModel(String value) {
        return new HistoryQuery(text, value, favouritesOnly, from, to, includeDeleted, limit, offset);
    }

    public HistoryQuery withFavouritesOnly(boolean value) {
        return new HistoryQuery(text, model, value, from, to, includeDeleted, limit, offset);
    }

    public HistoryQuery withDates(Instant fromValue, Instant toValue) {
        return new HistoryQuery(text, model, favouritesOnly, fromValue, toValue, includeDeleted, limit, offset);
    }

    public HistoryQuery withPage(int limitValue, int offsetValue) {
        return new HistoryQuery(text, model, favouritesOnly, from, to, includeDeleted, limitValue, offsetValue);
    }

    public HistoryQuery withDeleted(boolean value) {
        return new HistoryQuery(text, model, favouritesOnly, from, to, value, limit, offset);
    }
}
