package dev.atelier.cli;

import dev.atelier.onnx.ExecutionProviders;
import picocli.CommandLine.Option;

/**
 * {@code --threads} and {@code --spin}: ORT's thread settings for this process (picocli mixin). They
 * become the system properties the session options read, so every session the command opens uses them.
 */
final class OrtThreadOptions {
    @Option(names = "--threads", paramLabel = "N",
            description = "ONNX Runtime intra-op threads (default: ORT's, one per core; env ATELIER_ORT_THREADS).")
    Integer threads;
    @Option(names = "--spin", paramLabel = "on|off",
            description = "Let ORT threads spin-wait between ops (default: off; env ATELIER_ORT_SPINNING).")
    String spin;

    /** Applies the given options; call before any session is created. */
    void apply() {
        if (threads != null) {
            if (threads < 0 || threads > 1024) {
                throw new UsageException("--threads must be 0..1024 (0 = one per core), got " + threads);
            }
            System.setProperty(ExecutionProviders.THREADS_PROPERTY, Integer.toString(threads));
        }
        if (spin != null) {
            boolean on = switch (spin.strip().toLowerCase(java.util.Locale.ROOT)) {
                case "on", "true" -> true;
                case "off", "false" -> false;
                default -> throw new UsageException("--spin must be on or off, got '" + spin + "'");
            };
            System.setProperty(ExecutionProviders.SPINNING_PROPERTY, Boolean.toString(on));
        }
    }
}
