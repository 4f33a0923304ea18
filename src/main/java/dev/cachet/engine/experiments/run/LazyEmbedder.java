package dev.cachet.engine.experiments.run;

import dev.cachet.engine.semantic.Embedder;
import dev.cachet.engine.semantic.EmbeddingException;

import java.util.List;
import java.util.function.Supplier;

/** The embedder, asked for only when a {@code similar} assertion first needs it (loading a model costs a second or two). */
final class LazyEmbedder implements Embedder {

    private final Supplier<Embedder> source;
    private volatile Embedder embedder;

    LazyEmbedder(Supplier<Embedder> source) { this.source = source; }

    private Embedder get() throws EmbeddingException {
        Embedder e = embedder;
        if (e == null) {
            e = source.get();
            if (e == null) throw new EmbeddingException("no embedding model is configured (semantic cache off)");
            embedder = e;
        }
        return e;
    }

    @Override public String modelId() {
        try {
            return get().modelId();
        } catch (EmbeddingException e) {
            return "none";
        }
    }

    @Override public List<float[]> embedAll(List<String> texts) throws EmbeddingException, InterruptedException {
        return get().embedAll(texts);
    }
}
