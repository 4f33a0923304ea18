package dev.cachet.engine.retrieval;

/**
 * One chunk of an ingested document.
 *
 * @param ordinal  its place in the document (0 = first)
 * @param position where in the document, for people ("lines 12-30 · Install")
 */
public record StoredChunk(long id, long documentId, String source, int ordinal, String text, String position) { }
