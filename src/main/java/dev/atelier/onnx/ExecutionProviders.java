package dev.atelier.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtProvider;
import ai.onnxruntime.OrtSession;

import java.util.EnumSet;

/** Chooses the execution provider and builds session options for it (CPU default, CUDA on request). */
public final class ExecutionProviders {
    /**
     * {@code -Datelier.ort.spinning=true} lets ORT's worker threads spin-wait between ops (ORT's own
     * default). Atelier turns spinning off by default: measured faster on a busy machine and it
     * leaves cores to the window (see docs/PERFORMANCE.md).
     */
    public static final String SPINNING_PROPERTY = "atelier.ort.spinning";
    /**
     * {@code -Datelier.ort.threads=N} (or {@code ATELIER_ORT_THREADS=N} for the window): ORT intra-op
     * threads; unset or 0 = ORT's default (one per core). {@code ATELIER_ORT_SPINNING=true} is the
     * environment form of {@link #SPINNING_PROPERTY}. Chosen defaults: docs/PERFORMANCE.md, Threads.
     */
    public static final String THREADS_PROPERTY = "atelier.ort.threads";
    /**
     * Memory levers (measured in docs/PERFORMANCE.md, Memory): {@code -Datelier.ort.arena=false} and
     * {@code -Datelier.ort.prepacking=false} turn those on-by-default ORT features off;
     * {@code -Datelier.ort.memoryPattern=true} turns ORT's memory pattern back on. Atelier leaves it
     * off: from the second run on it plans one block for all activations while the arena still holds
     * the first run's, doubling the U-Net's working memory (SD 1.5-shaped 512²: 6.8 vs 4.6 GB), and it
     * was not faster.
     */
    public static final String ARENA_PROPERTY = "atelier.ort.arena";
    public static final String MEMORY_PATTERN_PROPERTY = "atelier.ort.memoryPattern";
    public static final String PREPACKING_PROPERTY = "atelier.ort.prepacking";
    /** ORT's run option that frees the arena's unused regions after a run ("cpu:0" = the CPU arena). */
    static final String ARENA_SHRINKAGE_KEY = "memory.enable_memory_arena_shrinkage";

    private ExecutionProviders() {
    }

    /**
     * ONNX Runtime's own log goes straight to stderr, coloured, bypassing SLF4J; Atelier keeps only fatal
     * lines there. Every error ORT reports also reaches Atelier as an {@link OrtException}, which is
     * turned into one clear message, so nothing a user needs is lost.
     */
    static final OrtLoggingLevel ORT_LOG_LEVEL = OrtLoggingLevel.ORT_LOGGING_LEVEL_FATAL;

    /** The process-wide ORT environment, created on first use with {@link #ORT_LOG_LEVEL}. */
    static OrtEnvironment environment() {
        return OrtEnvironment.getEnvironment(ORT_LOG_LEVEL, "atelier");
    }

    /** Providers compiled into the ONNX Runtime library on the class path. */
    public static EnumSet<OrtProvider> available() {
        return OrtEnvironment.getAvailableProviders();
    }

    /** The provider to use for {@code requested}, given the providers this ORT build offers. */
    public static ProviderChoice choose(Device requested, EnumSet<OrtProvider> available) {
        if (requested == Device.CUDA && !available.contains(OrtProvider.CUDA)) {
            return new ProviderChoice(requested, Device.CPU, "CUDA was requested but this ONNX Runtime build has no "
                    + "CUDA provider (build with -Pcuda and install CUDA 12 + cuDNN 9); running on CPU");
        }
        return new ProviderChoice(requested, requested, null);
    }

    /** Whether sessions get ORT's CPU arena (on unless {@code -Datelier.ort.arena=false}). */
    public static boolean arenaEnabled() {
        return !"false".equals(System.getProperty(ARENA_PROPERTY));
    }

    static OrtSession.SessionOptions options(Device device) throws OrtException {
        OrtSession.SessionOptions options = new OrtSession.SessionOptions();
        try {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            options.setSessionLogLevel(ORT_LOG_LEVEL); // e.g. "Removing initializer ..." warnings
            int threads = OrtThreadSettings.intraOpThreads();
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            if (!OrtThreadSettings.spinning()) {
                // spinning pool threads steal the cores the window and other processes need
                options.addConfigEntry("session.intra_op.allow_spinning", "0");
            }
            if (!arenaEnabled()) {
                options.setCPUArenaAllocator(false);
            }
            if (!"true".equals(System.getProperty(MEMORY_PATTERN_PROPERTY))) {
                options.setMemoryPatternOptimization(false);
            }
            if ("false".equals(System.getProperty(PREPACKING_PROPERTY))) {
                options.addConfigEntry("session.disable_prepacking", "1");
            }
            if (device == Device.CUDA) {
                options.addCUDA(0);
            }
            return options;
        } catch (OrtException | RuntimeException e) {
            options.close();
            throw e;
        }
    }
}
