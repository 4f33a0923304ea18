package dev.cachet.engine.semantic.calibration;

import java.time.Instant;

/**
 * One observation of whether a cached answer was right for a new query.
 *
 * @param namespace the semantic namespace (full id)
 * @param entryId   the cached entry it was about (0 when unknown)
 * @param score     the cosine between the query and that entry
 * @param agree     true when the answers agreed (the cached answer would have been right)
 * @param source    where the label came from
 */
public record Label(String namespace, long entryId, double score, boolean agree, Source source, Instant at) {

    public enum Source {
        /** An explored lookup: the fresh model answer compared with the cached one. */
        ANSWERS_COMPARED,
        /** A person rated a semantic hit (👍 or 👎). */
        FEEDBACK,
        /** A person regenerated a semantic hit: the cached answer was not what they wanted. */
        REGENERATED,
        /** The evaluation's labelled pair (eval-cache --online). */
        EVALUATION
    }
}
