package dev.atelier.session;

/**
 * How much a {@link SessionPool} keeps resident when nothing uses it.
 *
 * @param models most models (folder + device) kept loaded, at least 1
 * @param bytes  most bytes of model files kept loaded ({@link Long#MAX_VALUE} = no byte limit)
 */
public record SessionBudget(int models, long bytes) {
    /** Two models, no byte limit: switching A → B → A reloads nothing. */
    public static final SessionBudget DEFAULT = new SessionBudget(2, Long.MAX_VALUE);

    public SessionBudget {
        if (models < 1) {
            throw new IllegalArgumentException("session budget must allow at least 1 model, got " + models);
        }
        if (bytes < 1) {
            throw new IllegalArgumentException("session budget bytes must be positive, got " + bytes);
        }
    }

    /** Whether {@code count} models of {@code total} bytes are within the budget. */
    boolean fits(int count, long total) {
        return count <= models && total <= bytes;
    }
}
