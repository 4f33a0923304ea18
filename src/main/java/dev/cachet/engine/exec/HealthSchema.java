package dev.cachet.engine.exec;

import dev.cachet.engine.store.SchemaModule;

import java.util.List;

/** Provider health history: one row per probe, and one per breaker change. Append migrations; never edit one. */
final class HealthSchema implements SchemaModule {

    @Override public String name() { return "health"; }

    @Override
    public List<String> migrations() {
        return List.of("""
                CREATE TABLE provider_health (
                  provider    TEXT NOT NULL,
                  at_ms       INTEGER NOT NULL,
                  kind        TEXT NOT NULL,
                  ok          INTEGER NOT NULL,
                  latency_ms  REAL,
                  breaker     TEXT NOT NULL,
                  detail      TEXT
                );
                CREATE INDEX provider_health_at ON provider_health(provider, at_ms);
                """);
    }
}
