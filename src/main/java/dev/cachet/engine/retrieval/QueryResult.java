package dev.cachet.engine.retrieval;

import java.time.Duration;
import java.util.List;

/** One query's chunks, best first, and whether the retrieval cache answered it. */
public record QueryResult(String query, List<RetrievedChunk> chunks, RetrievalCache.Tier cache, String indexKind, Duration took) {
    public QueryResult { chunks = List.copyOf(chunks); }
}
