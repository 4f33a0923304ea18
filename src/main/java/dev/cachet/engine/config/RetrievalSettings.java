package dev.cachet.engine.config;

import java.time.Duration;
import java.util.Locale;

/**
 * Retrieval settings (collections themselves live in the database, not here).
 *
 * @param topK             chunks passed to the model when neither the request nor a complexity level says
 * @param chunkSize        most characters in one chunk (MiniLM reads about 256 word pieces, ~1,000 characters)
 * @param chunkOverlap     characters two neighbouring chunks share, so a sentence cut at a border is whole in one
 * @param splitter         "recursive" (paragraphs, then lines, sentences, words) or "paragraph" (paragraphs, then sentences)
 * @param cacheTtl         how long a retrieval-cache entry (query + collection version + top_k -> chunk ids) lives
 * @param cacheMaxEntries  bound of the in-memory tier of that cache
 * @param concurrency      query branches of one request retrieved at once
 * @param branchTimeout    a branch slower than this is reported and left out; the others still answer
 * @param expandQueries    split a compound question ("X and Y?", several sentences) into one query per part
 * @param maxQueries       most queries one request runs (its own, a caller's extra ones and expansions)
 * @param graphCrossover   chunks in a collection above which the JVector graph replaces the exact scan
 * @param watchDebounce    quiet time after the last change in a watched folder before it is re-ingested
 */
public record RetrievalSettings(int topK, int chunkSize, int chunkOverlap, String splitter, Duration cacheTtl,
                                long cacheMaxEntries, int concurrency, Duration branchTimeout, boolean expandQueries,
                                int maxQueries, int graphCrossover, Duration watchDebounce) {

    public static final RetrievalSettings DEFAULTS = new RetrievalSettings(4, 800, 100, "recursive", Duration.ofHours(1),
            10_000, 6, Duration.ofSeconds(3), true, 6, 3_000, Duration.ofMillis(750));

    public RetrievalSettings {
        if (topK < 1 || topK > 100) throw invalid("topK", "must be within 1..100, was " + topK);
        if (chunkSize < 50) throw invalid("chunkSize", "must be at least 50 characters, was " + chunkSize);
        if (chunkOverlap < 0 || chunkOverlap >= chunkSize) {
            throw invalid("chunkOverlap", "must be within 0.." + (chunkSize - 1) + " (below chunkSize), was " + chunkOverlap);
        }
        splitter = splitter == null ? "recursive" : splitter.strip().toLowerCase(Locale.ROOT);
        if (!splitter.equals("recursive") && !splitter.equals("paragraph")) {
            throw invalid("splitter", "must be 'recursive' or 'paragraph', was '" + splitter + "'");
        }
        cacheTtl = cacheTtl == null ? Duration.ofHours(1) : cacheTtl;
        if (cacheTtl.isZero() || cacheTtl.isNegative()) throw invalid("cacheTtl", "must be positive, was " + DurationText.format(cacheTtl));
        if (cacheMaxEntries < 1) throw invalid("cacheMaxEntries", "must be positive, was " + cacheMaxEntries);
        if (concurrency < 1) throw invalid("concurrency", "must be positive, was " + concurrency);
        branchTimeout = branchTimeout == null ? Duration.ofSeconds(3) : branchTimeout;
        if (branchTimeout.isZero() || branchTimeout.isNegative()) {
            throw invalid("branchTimeout", "must be positive, was " + DurationText.format(branchTimeout));
        }
        if (maxQueries < 1) throw invalid("maxQueries", "must be positive, was " + maxQueries);
        if (graphCrossover < 2) throw invalid("graphCrossover", "must be at least 2, was " + graphCrossover);
        watchDebounce = watchDebounce == null ? Duration.ofMillis(750) : watchDebounce;
        if (watchDebounce.isNegative()) throw invalid("watchDebounce", "must not be negative, was " + DurationText.format(watchDebounce));
    }

    private static InvalidFieldException invalid(String field, String problem) {
        return new InvalidFieldException("retrieval", field, problem);
    }

    public RetrievalSettings withConcurrency(int n) {
        return new RetrievalSettings(topK, chunkSize, chunkOverlap, splitter, cacheTtl, cacheMaxEntries, n, branchTimeout,
                expandQueries, maxQueries, graphCrossover, watchDebounce);
    }

    public RetrievalSettings withBranchTimeout(Duration d) {
        return new RetrievalSettings(topK, chunkSize, chunkOverlap, splitter, cacheTtl, cacheMaxEntries, concurrency, d,
                expandQueries, maxQueries, graphCrossover, watchDebounce);
    }

    public RetrievalSettings withExpandQueries(boolean on) {
        return new RetrievalSettings(topK, chunkSize, chunkOverlap, splitter, cacheTtl, cacheMaxEntries, concurrency, branchTimeout,
                on, maxQueries, graphCrossover, watchDebounce);
    }

    public RetrievalSettings withChunking(int size, int overlap) {
        return new RetrievalSettings(topK, size, overlap, splitter, cacheTtl, cacheMaxEntries, concurrency, branchTimeout,
                expandQueries, maxQueries, graphCrossover, watchDebounce);
    }

    public RetrievalSettings withCacheTtl(Duration ttl) {
        return new RetrievalSettings(topK, chunkSize, chunkOverlap, splitter, ttl, cacheMaxEntries, concurrency, branchTimeout,
                expandQueries, maxQueries, graphCrossover, watchDebounce);
    }
}
