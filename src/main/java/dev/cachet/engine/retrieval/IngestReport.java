package dev.cachet.engine.retrieval;

import java.time.Duration;
import java.util.List;

/**
 * What one ingest did.
 *
 * @param added      files new to the collection
 * @param changed    files whose content changed (their chunks replaced)
 * @param unchanged  files skipped because their content hash is the same
 * @param removed    files gone from disk (their chunks removed)
 * @param failed     files that could not be read, with the reason; their earlier version (if any) stays
 * @param version    the collection version afterwards (bumped when anything changed)
 * @param cancelled  stopped by the user; what was done before stays done
 */
public record IngestReport(String collection, int added, int changed, int unchanged, int removed, List<IngestProblem> failed,
                           long chunksAdded, long chunksRemoved, long chunksEmbedded, Duration took, long version, boolean cancelled) {

    public IngestReport { failed = List.copyOf(failed); }

    public boolean changedAnything() { return added + changed + removed > 0; }

    public double chunksPerSecond() {
        double s = took.toNanos() / 1e9;
        return s <= 0 ? 0 : chunksAdded / s;
    }

    /** "3 added, 1 changed, 12 unchanged, 0 removed, 1 failed · 240 chunks in 2.1 s (114 chunks/s) · version 4". */
    public String summary() {
        return String.format(java.util.Locale.ROOT, "%d added, %d changed, %d unchanged, %d removed, %d failed · %,d chunks in %.1f s (%.0f chunks/s) · version %d%s",
                added, changed, unchanged, removed, failed.size(), chunksAdded, took.toNanos() / 1e9, chunksPerSecond(), version,
                cancelled ? " · cancelled" : "");
    }
}
