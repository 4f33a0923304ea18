package dev.cachet.engine.chat;

import java.util.List;
import java.util.Objects;

/**
 * A request's wish to be answered from a document collection.
 *
 * @param collection the collection's name
 * @param queries    further queries to retrieve with besides the user's last message (multi-query); may be empty
 * @param topK       chunks to pass on; null = the complexity level's or the configured default
 * @param version    the collection version the request was bound to before any cache (-1 = not bound yet):
 *                   part of the exact and semantic keys, so a re-ingest makes earlier answers miss
 */
public record RetrievalSpec(String collection, List<String> queries, Integer topK, long version) {

    public RetrievalSpec {
        Objects.requireNonNull(collection, "collection");
        if (collection.isBlank()) throw new IllegalArgumentException("a collection name must not be blank");
        queries = queries == null ? List.of() : queries.stream().map(String::strip).filter(q -> !q.isEmpty()).toList();
        if (topK != null && (topK < 1 || topK > 100)) throw new IllegalArgumentException("top_k must be within 1..100, was " + topK);
    }

    public static RetrievalSpec of(String collection) { return new RetrievalSpec(collection, List.of(), null, -1); }

    public RetrievalSpec withQueries(List<String> more) { return new RetrievalSpec(collection, more, topK, version); }

    public RetrievalSpec withTopK(Integer k) { return new RetrievalSpec(collection, queries, k, version); }

    public RetrievalSpec bound(long v) { return new RetrievalSpec(collection, queries, topK, v); }

    public boolean isBound() { return version >= 0; }

    /** What the exact and semantic keys hash: collection, version, top_k and the extra queries. */
    public String keyText() {
        return collection + "@v" + version + " top_k=" + (topK == null ? "default" : topK) + " queries=" + String.join("\u0000", queries);
    }
}
