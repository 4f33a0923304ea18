package dev.cachet.engine.retrieval;

/**
 * A chunk found for a query.
 *
 * @param score cosine similarity to the (best) query that found it
 * @param query the query that found it with that score
 */
public record RetrievedChunk(StoredChunk chunk, double score, String query) { }
