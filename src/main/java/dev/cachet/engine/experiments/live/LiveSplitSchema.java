package dev.cachet.engine.experiments.live;

import dev.cachet.engine.store.SchemaModule;

import java.util.List;

/** Chat answers of templates with a split: one row per answer, its variant, figures and the person's 👍/👎. Append migrations only. */
final class LiveSplitSchema implements SchemaModule {

    @Override public String name() { return "live_split"; }

    @Override
    public List<String> migrations() {
        return List.of("""
                CREATE TABLE live_split_answers (
                  request_id  TEXT PRIMARY KEY,
                  template_id TEXT NOT NULL,
                  variant     TEXT NOT NULL,
                  session_id  TEXT NOT NULL,
                  at_ms       INTEGER NOT NULL,
                  answered    INTEGER NOT NULL,
                  latency_ms  REAL NOT NULL,
                  ttft_ms     REAL,
                  cost_usd    REAL NOT NULL,
                  cache_hit   INTEGER NOT NULL,
                  regenerate  INTEGER NOT NULL,
                  feedback    INTEGER
                );
                CREATE INDEX live_split_template ON live_split_answers(template_id, variant);
                """);
    }
}
