package dev.cachet.engine.metrics;

import java.time.Instant;
import java.util.Map;

/**
 * One persisted history row: a fixed window (10 s) of traffic, kept across restarts.
 *
 * @param counts requests by outcome key ("exact", "model", "error", ...) and level hits ("hit.exact", ...)
 */
public record MetricAggregate(Instant start, int seconds, Map<String, Long> counts, double p50Ms, double p95Ms,
                              double p99Ms, long tokensSaved, double costSavedUsd) {
    public MetricAggregate { counts = Map.copyOf(counts); }

    public long count(String key) { return counts.getOrDefault(key, 0L); }

    public long requests() {
        long n = 0;
        for (Outcome o : Outcome.values()) n += count(o.key());
        return n;
    }
}
