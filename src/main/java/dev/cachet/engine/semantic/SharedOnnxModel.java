package dev.cachet.engine.semantic;

import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.cachet.engine.config.DataDir;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.AbstractInProcessEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.OnnxBertBiEncoder;
import dev.langchain4j.model.embedding.onnx.PoolingMode;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;
import java.util.logging.Logger;

/**
 * An ONNX sentence model shipped inside a jar, loaded once per process and shared by every
 * {@link OnnxEmbedder} (it is 90 MB, and tests and the window open several engines). Every native call —
 * loading ONNX Runtime and the model, tokenizing, inference, on the caller's thread or the model's pool —
 * runs inside a {@link NativeCallGate}. At JVM exit a shutdown hook refuses new calls, waits for those
 * inside, then closes the session: a thread left inside ONNX Runtime while the process exits kills the
 * JVM (SIGSEGV in libonnxruntime: the process's C++ globals are destroyed under it).
 */
final class SharedOnnxModel {

    private static final Logger LOG = Logger.getLogger(SharedOnnxModel.class.getName());
    /** Longest the exit waits for a native call in progress (loading the model takes about a second). */
    static final Duration EXIT_WAIT = Duration.ofMinutes(1);

    static final SharedOnnxModel MINILM = new SharedOnnxModel("all-minilm-l6-v2.onnx", "all-minilm-l6-v2-tokenizer.json", 384);

    private final String modelResource;
    private final String tokenizerResource;
    private final int dimension;
    private final NativeCallGate gate = new NativeCallGate();
    private final ReentrantLock loading = new ReentrantLock();
    /** Platform threads: ONNX calls are native and would pin a virtual thread's carrier. */
    private final ExecutorService pool;
    private final Executor gatedPool;
    private volatile EmbeddingModel model;
    private OrtSession session;

    private SharedOnnxModel(String modelResource, String tokenizerResource, int dimension) {
        this.modelResource = modelResource;
        this.tokenizerResource = tokenizerResource;
        this.dimension = dimension;
        this.pool = Executors.newFixedThreadPool(Math.max(1, Runtime.getRuntime().availableProcessors()),
                Thread.ofPlatform().daemon().name("onnx-embed-", 0).factory());
        // The caller of embedAll is inside the gate while its tasks run; each task counts too, so that exit
        // also waits for a task still running after its caller gave up (an exception in a sibling).
        this.gatedPool = task -> {
            gate.enterOnBehalfOfCaller();
            try {
                pool.execute(() -> {
                    try {
                        task.run();
                    } finally {
                        gate.exit();
                    }
                });
            } catch (RejectedExecutionException e) {
                gate.exit();
                throw e;
            }
        };
        Runtime.getRuntime().addShutdownHook(new Thread(this::closeAtExit, "onnx-model-close"));
    }

    /** Embeds each text (blank ones as a single space). */
    List<float[]> embedAll(List<String> texts, BooleanSupplier cancelled) throws EmbeddingException {
        if (!gate.enter()) throw new EmbeddingException("embedding model " + modelResource + " is closed: the process is exiting");
        try {
            var segments = texts.stream().map(t -> TextSegment.from(t.isBlank() ? " " : t)).toList();
            var embeddings = model(cancelled).embedAll(segments).content();
            var out = new ArrayList<float[]>(embeddings.size());
            for (var e : embeddings) out.add(Embedder.normalize(e.vector()));
            return out;
        } catch (RuntimeException e) {
            throw new EmbeddingException("embedding model " + modelResource + " failed: " + e.getMessage(), e);
        } finally {
            gate.exit();
        }
    }

    /** Loads the model now unless it is loaded; {@code cancelled} is asked between the native steps. */
    void load(BooleanSupplier cancelled) throws EmbeddingException {
        if (!gate.enter()) return;
        try {
            model(cancelled);
        } catch (RuntimeException e) {
            throw new EmbeddingException("embedding model " + modelResource + " failed to load: " + e.getMessage(), e);
        } finally {
            gate.exit();
        }
    }

    boolean loaded() { return model != null; }

    /** Threads inside ONNX Runtime through this model now. */
    int callsInside() { return gate.inside(); }

    private EmbeddingModel model(BooleanSupplier cancelled) throws EmbeddingException {
        EmbeddingModel m = model;
        if (m != null) return m;
        loading.lock();
        try {
            if (model == null) model = open(cancelled);
            return model;
        } finally {
            loading.unlock();
        }
    }

    /** Called inside the gate, under the loading lock. */
    private EmbeddingModel open(BooleanSupplier cancelled) throws EmbeddingException {
        try {
            checkNotCancelled(cancelled);
            OnnxNatives.useStableCopy(DataDir.cacheHome());
            OrtEnvironment env = OrtEnvironment.getEnvironment();
            byte[] bytes;
            try (InputStream in = resource(modelResource)) {
                bytes = in.readAllBytes();
            }
            checkNotCancelled(cancelled); // the last point before the long native call
            OrtSession created = env.createSession(bytes);
            try (InputStream tokenizer = resource(tokenizerResource)) {
                var encoder = new OnnxBertBiEncoder(env, created, tokenizer, PoolingMode.MEAN);
                session = created;
                return new AbstractInProcessEmbeddingModel(gatedPool) {
                    @Override protected OnnxBertBiEncoder model() { return encoder; }
                    @Override protected Integer knownDimension() { return dimension; }
                };
            } catch (IOException | RuntimeException e) {
                created.close();
                throw e;
            }
        } catch (OrtException | IOException e) {
            throw new EmbeddingException("embedding model " + modelResource + " failed to load: " + e.getMessage(), e);
        }
    }

    private void checkNotCancelled(BooleanSupplier cancelled) throws EmbeddingException {
        if (cancelled.getAsBoolean() || gate.closing()) {
            throw new EmbeddingException("loading " + modelResource + " was cancelled: the engine is closing");
        }
    }

    private static InputStream resource(String name) throws IOException {
        InputStream in = SharedOnnxModel.class.getClassLoader().getResourceAsStream(name);
        if (in == null) throw new IOException(name + " is not on the class path");
        return in;
    }

    private void closeAtExit() {
        if (!gate.closeAndAwait(EXIT_WAIT)) {
            LOG.warning("an embedding call was still running after " + EXIT_WAIT.toSeconds() + " s; exiting anyway");
            return;
        }
        pool.shutdown();
        if (session != null) {
            try {
                session.close();
            } catch (OrtException e) {
                LOG.fine(() -> "closing the ONNX session: " + e.getMessage());
            }
        }
    }
}
