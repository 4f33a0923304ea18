package dev.cachet.engine.semantic;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Text hash + model -> vector. L1 in memory (Caffeine), L2 in the store (SQLite blobs), so a text
 * is embedded once per model, ever. The model id is part of every key: vectors of two models never mix.
 */
public final class EmbeddingCache {

    /** Vectors found, in request order (null where missing), and the indices still to embed. */
    public record BatchLookup(float[][] vectors, int[] missing) {
        public boolean complete() { return missing.length == 0; }
    }

    private final SemanticStore store;
    private final Cache<String, float[]> l1;

    public EmbeddingCache(SemanticStore store, long maxInMemory) {
        this.store = store;
        this.l1 = Caffeine.newBuilder().maximumSize(maxInMemory).build();
    }

    public BatchLookup getAll(String model, List<String> texts) {
        float[][] vectors = new float[texts.size()][];
        var hashes = new ArrayList<String>();
        var l2Wanted = new ArrayList<Integer>();
        for (int i = 0; i < texts.size(); i++) {
            String hash = textHash(texts.get(i));
            vectors[i] = l1.getIfPresent(l1Key(model, hash));
            if (vectors[i] == null) {
                hashes.add(hash);
                l2Wanted.add(i);
            }
        }
        if (!hashes.isEmpty()) {
            Map<String, float[]> found = store.embeddings(model, hashes);
            for (int j = 0; j < hashes.size(); j++) {
                float[] v = found.get(hashes.get(j));
                if (v != null) {
                    vectors[l2Wanted.get(j)] = v;
                    l1.put(l1Key(model, hashes.get(j)), v);
                }
            }
        }
        int missingCount = 0;
        for (float[] v : vectors) if (v == null) missingCount++;
        int[] missing = new int[missingCount];
        for (int i = 0, m = 0; i < vectors.length; i++) if (vectors[i] == null) missing[m++] = i;
        return new BatchLookup(vectors, missing);
    }

    public void putAll(String model, List<String> texts, List<float[]> vectors) {
        var byHash = new HashMap<String, float[]>();
        for (int i = 0; i < texts.size(); i++) {
            String hash = textHash(texts.get(i));
            l1.put(l1Key(model, hash), vectors.get(i));
            byHash.put(hash, vectors.get(i));
        }
        store.putEmbeddings(model, byHash);
    }

    public long sizeInMemory() { return l1.estimatedSize(); }

    static String textHash(String text) { return SemanticKey.sha256(text); }

    private static String l1Key(String model, String hash) { return model + '\u0000' + hash; }
}
