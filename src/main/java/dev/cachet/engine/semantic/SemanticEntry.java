package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.ModelRef;

import java.time.Instant;

/** One cached answer, found by the meaning of the query that produced it. */
public record SemanticEntry(long id, String namespace, String query, float[] vector, String answer, ModelRef model,
                            Instant createdAt, Instant expiresAt) {

    public boolean expiredAt(Instant now) { return !now.isBefore(expiresAt); }
}
