package dev.cachet.engine.retrieval;

import java.time.Instant;
import java.util.List;

/**
 * A collection as the list shows it.
 *
 * @param version    bumped by every ingest that changed something; part of every key built on it
 * @param embedder   the model its vectors were made with (null before the first ingest)
 * @param lastIngest when the last ingest finished, or null
 * @param lastReport one line about the last ingest ("3 added, 1 changed, 0 removed, 1 failed in 2.1 s")
 * @param bytes      bytes of the ingested files
 * @param problems   files the last ingest could not read, with the reason
 */
public record CollectionInfo(long id, String name, long version, boolean watch, String embedder, List<String> sources,
                             int documents, long chunks, long bytes, Instant created, Instant lastIngest, String lastReport,
                             List<IngestProblem> problems) {

    public CollectionInfo {
        sources = List.copyOf(sources);
        problems = List.copyOf(problems);
        lastReport = lastReport == null ? "" : lastReport;
    }

    /** The ingested files' size for people: "812 B", "25.4 KB", "3.1 MB". */
    public String sizeText() {
        if (bytes < 1024) return bytes + " B";
        if (bytes < 1024 * 1024) return String.format(java.util.Locale.ROOT, "%.1f KB", bytes / 1024.0);
        return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1024.0 / 1024.0);
    }
}
