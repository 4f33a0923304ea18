package dev.cachet.engine.semantic;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/** A store that forgets everything on close: evaluation runs, benchmarks and tests. */
public final class InMemorySemanticStore implements SemanticStore {

    private final Map<Long, SemanticEntry> entries = new ConcurrentHashMap<>();
    private final Map<String, float[]> embeddings = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    @Override public List<SemanticEntry> loadEntries() { return new ArrayList<>(entries.values()); }

    @Override public long insert(SemanticEntry e) {
        long id = ids.incrementAndGet();
        entries.put(id, new SemanticEntry(id, e.namespace(), e.query(), e.vector(), e.answer(), e.model(), e.createdAt(), e.expiresAt()));
        return id;
    }

    @Override public void delete(long id) { entries.remove(id); }

    @Override public int deleteNamespace(String namespace) {
        int before = entries.size();
        entries.values().removeIf(e -> e.namespace().equals(namespace));
        return before - entries.size();
    }

    @Override public Map<String, float[]> embeddings(String model, List<String> textHashes) {
        var out = new HashMap<String, float[]>();
        for (String h : textHashes) {
            float[] v = embeddings.get(model + '\u0000' + h);
            if (v != null) out.put(h, v);
        }
        return out;
    }

    @Override public void putEmbeddings(String model, Map<String, float[]> vectors) {
        vectors.forEach((h, v) -> embeddings.put(model + '\u0000' + h, v));
    }

    @Override public void close() { }
}
