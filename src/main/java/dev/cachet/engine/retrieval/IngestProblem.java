package dev.cachet.engine.retrieval;

/** A file an ingest could not read, and why ("not a PDF: header missing"). */
public record IngestProblem(String path, String reason) {
    @Override public String toString() { return path + ": " + reason; }
}
