package dev.cachet.engine.semantic;

import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * An in-process ONNX sentence model shipped inside a Maven jar (offline). langchain4j runs one ONNX
 * call per text and spreads a list over its executor, so a "batch" here is parallelism, not a
 * padded tensor batch.
 */
public final class OnnxEmbedder implements Embedder {

    public static final String MINILM = "minilm-l6-v2";

    private final String id;
    private final Supplier<EmbeddingModel> loader;
    private volatile EmbeddingModel model;

    OnnxEmbedder(String id, Supplier<EmbeddingModel> loader) {
        this.id = id;
        this.loader = loader;
    }

    /** all-MiniLM-L6-v2 (384 dimensions), the default embedder. */
    public static OnnxEmbedder miniLm(Executor executor) {
        return new OnnxEmbedder(MINILM, () -> new AllMiniLmL6V2EmbeddingModel(executor));
    }

    /**
     * all-MiniLM-L6-v2 on langchain4j's own pool (platform threads: ONNX calls are native and would pin
     * virtual threads). The model (~90 MB) loads on first use, so commands that never embed start fast.
     */
    public static OnnxEmbedder miniLm() {
        return new OnnxEmbedder(MINILM, AllMiniLmL6V2EmbeddingModel::new);
    }

    private EmbeddingModel model() {
        EmbeddingModel m = model;
        if (m == null) {
            synchronized (this) {
                if (model == null) model = loader.get();
                m = model;
            }
        }
        return m;
    }

    @Override public String modelId() { return id; }

    /** False until the model is loaded (the warm-up or a first call loads it). */
    @Override public boolean ready() { return model != null; }

    @Override
    public List<float[]> embedAll(List<String> texts) throws EmbeddingException {
        try {
            var segments = texts.stream().map(t -> TextSegment.from(t.isBlank() ? " " : t)).toList();
            var embeddings = model().embedAll(segments).content();
            var out = new ArrayList<float[]>(embeddings.size());
            for (var e : embeddings) out.add(Embedder.normalize(e.vector()));
            return out;
        } catch (RuntimeException e) {
            throw new EmbeddingException("embedding model " + id + " failed: " + e.getMessage(), e);
        }
    }
}
