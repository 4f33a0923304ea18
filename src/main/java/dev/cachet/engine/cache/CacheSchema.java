package dev.cachet.engine.cache;

import dev.cachet.engine.store.SchemaModule;

import java.util.List;

/** The exact cache's tables. Append migrations; never edit a released one. */
final class CacheSchema implements SchemaModule {

    @Override public String name() { return "cache"; }

    @Override
    public List<String> migrations() {
        return List.of("""
                CREATE TABLE exact_cache (
                  key          TEXT PRIMARY KEY,
                  model_ns     TEXT NOT NULL,
                  template_ns  TEXT,
                  provider     TEXT NOT NULL,
                  model        TEXT NOT NULL,
                  finish       TEXT NOT NULL,
                  tokens_in    INTEGER NOT NULL,
                  tokens_out   INTEGER NOT NULL,
                  value        BLOB NOT NULL,
                  compressed   INTEGER NOT NULL,
                  raw_bytes    INTEGER NOT NULL,
                  created_ms   INTEGER NOT NULL,
                  expires_ms   INTEGER NOT NULL,
                  hits         INTEGER NOT NULL DEFAULT 0,
                  last_hit_ms  INTEGER
                );
                CREATE INDEX exact_cache_model_ns ON exact_cache(model_ns);
                CREATE INDEX exact_cache_template_ns ON exact_cache(template_ns);
                CREATE INDEX exact_cache_expires ON exact_cache(expires_ms);
                CREATE TABLE cache_counters (name TEXT PRIMARY KEY, value INTEGER NOT NULL);
                """);
    }
}
