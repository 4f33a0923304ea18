package dev.cachet.engine.metrics;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * What a chart timer reads once a second: a time axis (one entry per closed second, oldest first)
 * and named series of the same length, plus totals since start. Immutable.
 *
 * <p>Series names: {@code requests.<outcome>} (per second; outcome keys "exact", "semantic", "model",
 * "error", "cancelled"), {@code requests.total}, {@code hitRate.<level>} (0..1; 0 in a second without
 * requests), {@code latency.p50Ms}, {@code latency.p95Ms} (end to end; 0 in a second without requests),
 * {@code saved.tokens}, {@code saved.costUsd} (per second), {@code cumulative.modelCalls},
 * {@code cumulative.tokensSaved}, {@code cumulative.costSavedUsd}.
 */
public record MetricsSnapshot(List<Instant> time, Map<String, Series> series, Map<Outcome, Long> requests,
                              SavingsTotals savings) {

    public static final String REQUESTS_TOTAL = "requests.total";
    public static final String LATENCY_P50 = "latency.p50Ms";
    public static final String LATENCY_P95 = "latency.p95Ms";
    public static final String SAVED_TOKENS = "saved.tokens";
    public static final String SAVED_COST = "saved.costUsd";
    public static final String CUMULATIVE_MODEL_CALLS = "cumulative.modelCalls";
    public static final String CUMULATIVE_TOKENS_SAVED = "cumulative.tokensSaved";
    public static final String CUMULATIVE_COST_SAVED = "cumulative.costSavedUsd";

    public MetricsSnapshot {
        time = List.copyOf(time);
        series = Map.copyOf(series);
        requests = Map.copyOf(requests);
    }

    public static String requestsOf(Outcome outcome) { return "requests." + outcome.key(); }

    public static String hitRateOf(String level) { return "hitRate." + level; }

    /** The named series; unknown names fail loudly so a typo in a chart shows at once. */
    public Series series(String name) {
        Series s = series.get(name);
        if (s == null) throw new IllegalArgumentException("no series '" + name + "'; known: " + series.keySet());
        return s;
    }

    public long requests(Outcome outcome) { return requests.getOrDefault(outcome, 0L); }
}
