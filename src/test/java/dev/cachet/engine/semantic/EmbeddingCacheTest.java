package dev.cachet.engine.semantic;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EmbeddingCacheTest {

    /** Counts what reaches the model; vectors derive from the text so results are checkable. */
    static class CountingEmbedder implements Embedder {
        final List<List<String>> calls = new ArrayList<>();
        final String id;
        CountingEmbedder(String id) { this.id = id; }
        @Override public String modelId() { return id; }
        @Override public synchronized List<float[]> embedAll(List<String> texts) {
            calls.add(List.copyOf(texts));
            return texts.stream().map(t -> Embedder.normalize(new float[]{t.length(), 1})).toList();
        }
    }

    @Test
    void getAll_returnsHitsInOrderAndTheMissingIndices() {
        var cache = new EmbeddingCache(new InMemorySemanticStore(), 100);
        cache.putAll("m", List.of("b"), List.of(new float[]{1, 0}));
        var lookup = cache.getAll("m", List.of("a", "b", "c"));
        assertThat(lookup.missing()).containsExactly(0, 2);
        assertThat(lookup.vectors()[1]).containsExactly(1, 0);
        assertThat(lookup.complete()).isFalse();
    }

    @Test
    void models_neverShareVectors() {
        var cache = new EmbeddingCache(new InMemorySemanticStore(), 100);
        cache.putAll("m1", List.of("a"), List.of(new float[]{1, 0}));
        assertThat(cache.getAll("m2", List.of("a")).missing()).containsExactly(0);
    }

    @Test
    void secondTier_servesAfterTheMemoryTierIsGone() {
        var store = new InMemorySemanticStore();
        new EmbeddingCache(store, 100).putAll("m", List.of("a"), List.of(new float[]{0, 1}));
        var fresh = new EmbeddingCache(store, 100);
        assertThat(fresh.getAll("m", List.of("a")).complete()).isTrue();
    }

    @Test
    void cachedEmbedder_embedsOnlyWhatIsMissing() throws Exception {
        var model = new CountingEmbedder("m");
        var embedder = new CachedEmbedder(model, new EmbeddingCache(new InMemorySemanticStore(), 100));
        embedder.embedAll(List.of("one", "two"));
        var out = embedder.embedAll(List.of("two", "three", "one"));
        assertThat(model.calls).containsExactly(List.of("one", "two"), List.of("three"));
        assertThat(out).hasSize(3);
        assertThat(out.get(1)).containsExactly(Embedder.normalize(new float[]{5, 1}));
    }
}
