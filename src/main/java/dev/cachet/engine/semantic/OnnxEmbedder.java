package dev.cachet.engine.semantic;

import java.time.Duration;
import java.util.List;
import java.util.logging.Logger;

/**
 * An in-process ONNX sentence model shipped inside a Maven jar (offline), as one engine uses it: the
 * model itself is loaded once per process and shared ({@link SharedOnnxModel}); this handle tracks the
 * engine's own calls and warm-up so that {@link #close()} can cancel or wait for them. langchain4j runs
 * one ONNX call per text and spreads a list over its pool, so a "batch" here is parallelism, not a padded
 * tensor batch.
 */
public final class OnnxEmbedder implements Embedder, AutoCloseable {

    public static final String MINILM = "minilm-l6-v2";
    private static final Logger LOG = Logger.getLogger(OnnxEmbedder.class.getName());

    private final String id;
    private final SharedOnnxModel model;
    private final NativeCallGate calls = new NativeCallGate();

    OnnxEmbedder(String id, SharedOnnxModel model) {
        this.id = id;
        this.model = model;
    }

    /** all-MiniLM-L6-v2 (384 dimensions), the default embedder. The model loads on first use or warm-up. */
    public static OnnxEmbedder miniLm() {
        return new OnnxEmbedder(MINILM, SharedOnnxModel.MINILM);
    }

    @Override public String modelId() { return id; }

    /** False until the model is loaded (the warm-up or a first call loads it). */
    @Override public boolean ready() { return model.loaded(); }

    @Override
    public List<float[]> embedAll(List<String> texts) throws EmbeddingException {
        if (!calls.enter()) throw new EmbeddingException("embedding model " + id + " is closed");
        try {
            return model.embedAll(texts, calls::closing);
        } finally {
            calls.exit();
        }
    }

    /**
     * Loads the model on a background platform thread (about a second of native code, which would pin a
     * virtual thread's carrier), so the first request does not pay for it. {@link #close()} cancels a
     * warm-up that has not reached the native load yet and waits for one that has.
     */
    public void warmUpInBackground() {
        if (!calls.enter()) return;
        try {
            Thread.ofPlatform().daemon().name("embed-warmup").start(() -> {
                try {
                    model.load(calls::closing);
                } catch (EmbeddingException e) {
                    LOG.fine(() -> "embedder warm-up: " + e.getMessage());
                } finally {
                    calls.exit();
                }
            });
        } catch (RuntimeException | Error e) {
            calls.exit();
            throw e;
        }
    }

    /** Threads inside the model on this embedder's behalf now (for tests). */
    int callsInside() { return calls.inside(); }

    /**
     * Refuses new calls and waits for this embedder's calls and warm-up to leave the native model, so that
     * nothing of this engine runs inside ONNX Runtime once close returns. The model stays loaded for other
     * engines of the process; it is released at JVM exit.
     */
    @Override
    public void close() {
        if (!calls.closeAndAwait(SharedOnnxModel.EXIT_WAIT)) {
            LOG.warning("embedding model " + id + ": a call was still running after " + SharedOnnxModel.EXIT_WAIT.toSeconds() + " s");
        }
    }
}
