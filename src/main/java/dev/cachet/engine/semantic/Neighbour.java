package dev.cachet.engine.semantic;

/** A cached entry near a query: its ordinal in the namespace index and its cosine similarity. */
public record Neighbour(int ordinal, float score) { }
