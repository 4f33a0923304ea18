package dev.cachet.engine.metrics;

import dev.cachet.engine.store.SchemaModule;

import java.util.List;

/**
 * Metric history: one row per 10-second window with traffic. Counts are a JSON object so that a new
 * outcome or cache level needs no migration. Append migrations only.
 */
final class MetricsSchema implements SchemaModule {

    @Override public String name() { return "metrics"; }

    @Override
    public List<String> migrations() {
        return List.of("""
                CREATE TABLE metric_history (
                  id             INTEGER PRIMARY KEY,
                  start_s        INTEGER NOT NULL,
                  seconds        INTEGER NOT NULL,
                  counts         TEXT NOT NULL,
                  p50_ms         REAL NOT NULL,
                  p95_ms         REAL NOT NULL,
                  p99_ms         REAL NOT NULL,
                  tokens_saved   INTEGER NOT NULL,
                  cost_saved_usd REAL NOT NULL
                );
                CREATE INDEX metric_history_start ON metric_history(start_s);
                """);
    }
}
