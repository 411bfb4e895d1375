package dev.atelier.onnx;

/**
 * The ORT thread settings every session is created with: a system property (set by the CLI's
 * {@code --threads}/{@code --spin}) wins over an environment variable (for the window), which wins
 * over the default — ORT's intra-op thread count with spinning off (measured in docs/PERFORMANCE.md).
 */
public final class OrtThreadSettings {
    static final String THREADS_ENV = "ATELIER_ORT_THREADS";
    static final String SPINNING_ENV = "ATELIER_ORT_SPINNING";

    private OrtThreadSettings() {
    }

    /** Intra-op threads; 0 = ORT's default. A malformed value is one clear error, not a silent default. */
    public static int intraOpThreads() {
        String raw = setting(ExecutionProviders.THREADS_PROPERTY, THREADS_ENV);
        if (raw == null || raw.isBlank()) {
            return 0;
        }
        try {
            int n = Integer.parseInt(raw.strip());
            if (n < 0 || n > 1024) {
                throw new NumberFormatException();
            }
            return n;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("ORT thread count '" + raw + "' (" + ExecutionProviders.THREADS_PROPERTY
                    + " / " + THREADS_ENV + ") is not valid; expected a whole number 0..1024 (0 = one per core)");
        }
    }

    /** Whether ORT's worker threads may spin-wait between ops (off unless asked for). */
    public static boolean spinning() {
        String raw = setting(ExecutionProviders.SPINNING_PROPERTY, SPINNING_ENV);
        return raw != null && Boolean.parseBoolean(raw.strip());
    }

    private static String setting(String property, String env) {
        String value = System.getProperty(property);
        return value != null ? value : System.getenv(env);
    }
}
