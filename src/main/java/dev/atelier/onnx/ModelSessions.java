package dev.atelier.onnx;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/** The ORT sessions of one model folder on one provider; closing closes every session. */
public final class ModelSessions implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ModelSessions.class);

    private final ModelFolder folder;
    private final ProviderChoice provider;
    private final Map<Component, OnnxModel> models;

    private ModelSessions(ModelFolder folder, ProviderChoice provider, Map<Component, OnnxModel> models) {
        this.folder = folder;
        this.provider = provider;
        this.models = Collections.unmodifiableMap(models);
    }

    /** Creates a session for every graph of {@code folder}; falls back to CPU when CUDA cannot start. */
    public static ModelSessions load(ModelFolder folder, Device requested) {
        ProviderChoice choice = ExecutionProviders.choose(requested, ExecutionProviders.available());
        if (choice.used() == Device.CUDA) {
            try {
                return new ModelSessions(folder, choice, createAll(folder, Device.CUDA));
            } catch (CudaStartException e) {
                choice = new ProviderChoice(requested, Device.CPU,
                        "CUDA could not start (" + e.getMessage() + "); running on CPU");
            }
        }
        choice.warningText().ifPresent(LOG::info); // callers show it (GenerationResult.warnings)
        return new ModelSessions(folder, choice, createAll(folder, Device.CPU));
    }

    /** Creates the sessions in parallel (start-up: ORT loads and optimises each graph on its own thread). */
    private static Map<Component, OnnxModel> createAll(ModelFolder folder, Device device) {
        OrtEnvironment env = ExecutionProviders.environment();
        Map<Component, Future<OnnxModel>> pending = new EnumMap<>(Component.class);
        Map<Component, OnnxModel> created = new EnumMap<>(Component.class);
        RuntimeException failure = null;
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (Component c : folder.signatures().keySet()) {
                pending.put(c, pool.submit(() -> create(env, folder, c, device)));
            }
        } // close() waits for every task, so each future below is done
        for (Map.Entry<Component, Future<OnnxModel>> e : pending.entrySet()) {
            Future<OnnxModel> f = e.getValue();
            if (f.state() == Future.State.SUCCESS) {
                created.put(e.getKey(), f.resultNow());
            } else if (failure == null) {
                Throwable cause = f.state() == Future.State.FAILED ? f.exceptionNow() : null;
                failure = cause instanceof RuntimeException r ? r
                        : new IllegalStateException("loading " + e.getKey().dirName() + " failed", cause);
            }
        }
        if (failure != null) {
            created.values().forEach(OnnxModel::close);
            throw failure;
        }
        return created;
    }

    private static OnnxModel create(OrtEnvironment env, ModelFolder folder, Component c, Device device) {
        var file = folder.onnxFile(c);
        OrtSession.SessionOptions options;
        try {
            options = ExecutionProviders.options(device);
        } catch (OrtException e) {
            throw new CudaStartException(OnnxModel.firstLine(e.getMessage()));
        }
        try (options) {
            OrtSession session = env.createSession(file.toString(), options);
            try {
                return new OnnxModel(env, session, file);
            } catch (OrtException | RuntimeException e) {
                session.close();
                throw e;
            }
        } catch (OrtException e) {
            throw new ModelFolderException(file, "ONNX Runtime cannot load this graph ("
                    + OnnxModel.firstLine(e.getMessage()) + "); expected a valid ONNX model", e);
        }
    }

    /** Raised when the CUDA provider cannot be added to a session. */
    private static final class CudaStartException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CudaStartException(String message) {
            super(message);
        }
    }

    public ModelFolder folder() {
        return folder;
    }

    public ProviderChoice provider() {
        return provider;
    }

    public OnnxModel model(Component c) {
        OnnxModel m = models.get(c);
        if (m == null) {
            throw new IllegalStateException(folder.root() + " has no " + c.dirName() + " session");
        }
        return m;
    }

    /** Sum of time spent inside ORT {@code run} by every session so far. */
    public long runNanos() {
        return models.values().stream().mapToLong(OnnxModel::runNanos).sum();
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (OnnxModel m : models.values()) {
            try {
                m.close();
            } catch (RuntimeException e) {
                first = first == null ? e : first;
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
