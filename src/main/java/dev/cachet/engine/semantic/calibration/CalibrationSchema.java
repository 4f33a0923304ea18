package dev.cachet.engine.semantic.calibration;

import dev.cachet.engine.store.SchemaModule;

import java.util.List;

/** The semantic layer's learning in cachet.db. Append migrations; never edit a released one. */
final class CalibrationSchema implements SchemaModule {

    @Override public String name() { return "semantic-calibration"; }

    @Override
    public List<String> migrations() {
        return List.of("""
                CREATE TABLE semantic_label (
                  id          INTEGER PRIMARY KEY AUTOINCREMENT,
                  namespace   TEXT NOT NULL,
                  entry_id    INTEGER NOT NULL,
                  score       REAL NOT NULL,
                  agree       INTEGER NOT NULL,
                  source      TEXT NOT NULL,
                  created_ms  INTEGER NOT NULL
                );
                CREATE INDEX semantic_label_namespace ON semantic_label(namespace);
                CREATE TABLE semantic_lookups (
                  namespace  TEXT NOT NULL,
                  bin        INTEGER NOT NULL,
                  lookups    INTEGER NOT NULL,
                  PRIMARY KEY (namespace, bin)
                ) WITHOUT ROWID;
                CREATE TABLE semantic_judge_verdict (
                  pair_key    TEXT PRIMARY KEY,
                  same        INTEGER NOT NULL,
                  model       TEXT NOT NULL,
                  created_ms  INTEGER NOT NULL
                ) WITHOUT ROWID;
                """);
    }
}
