package dev.cachet.engine.semantic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** Embeds only what the {@link EmbeddingCache} does not already hold, and remembers the result. */
public final class CachedEmbedder implements Embedder {

    private final Embedder delegate;
    private final EmbeddingCache cache;

    public CachedEmbedder(Embedder delegate, EmbeddingCache cache) {
        this.delegate = delegate;
        this.cache = cache;
    }

    @Override public String modelId() { return delegate.modelId(); }
    @Override public boolean ready() { return delegate.ready(); }

    @Override
    public List<float[]> embedAll(List<String> texts) throws EmbeddingException, InterruptedException {
        var lookup = cache.getAll(modelId(), texts);
        float[][] vectors = lookup.vectors();
        if (!lookup.complete()) {
            var missingTexts = new ArrayList<String>(lookup.missing().length);
            for (int i : lookup.missing()) missingTexts.add(texts.get(i));
            List<float[]> fresh = delegate.embedAll(missingTexts);
            for (int j = 0; j < fresh.size(); j++) vectors[lookup.missing()[j]] = fresh.get(j);
            cache.putAll(modelId(), missingTexts, fresh);
        }
        return Arrays.asList(vectors);
    }
}
