package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.ModelRef;

import java.time.Instant;

/**
 * One cached answer, found by the meaning of the query that produced it. Entries the cache holds in
 * memory carry no vector ({@link #withoutVector}): the index holds it, once.
 */
public record SemanticEntry(long id, String namespace, String query, float[] vector, String answer, ModelRef model,
                            Instant createdAt, Instant expiresAt) {

    private static final float[] NO_VECTOR = new float[0];

    public boolean expiredAt(Instant now) { return !now.isBefore(expiresAt); }

    /** This entry with an empty vector, as the cache keeps it next to the index that holds the vector. */
    public SemanticEntry withoutVector() {
        return vector.length == 0 ? this : new SemanticEntry(id, namespace, query, NO_VECTOR, answer, model, createdAt, expiresAt);
    }
}
