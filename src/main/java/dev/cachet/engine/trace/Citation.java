package dev.cachet.engine.trace;

import java.util.Objects;

/**
 * One source an answer was given: the chunk passed to the model as source {@code [number]}.
 *
 * @param source   the document (file path as ingested)
 * @param position where in it ("lines 12-30, section Install"), for a person to find it
 * @param score    cosine similarity of the chunk to the query that found it
 */
public record Citation(int number, String collection, long chunkId, String source, String position, String text, double score) {

    public Citation {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(text, "text");
        position = position == null ? "" : position;
    }

    /** The file name without its folders: what a badge shows. */
    public String fileName() {
        int slash = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\'));
        return slash < 0 ? source : source.substring(slash + 1);
    }

    /** "[2] guide.md, lines 12-30": the short form under an answer. */
    public String label() {
        return "[" + number + "] " + fileName() + (position.isEmpty() ? "" : ", " + position);
    }
}
