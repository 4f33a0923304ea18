package dev.cachet.engine.experiments.run;

import dev.cachet.engine.store.SchemaModule;

import java.util.List;

/** Experiment runs and their cells. A run keeps its whole definition, so it resumes without its files. Append migrations only. */
final class ExperimentSchema implements SchemaModule {

    @Override public String name() { return "experiments"; }

    @Override
    public List<String> migrations() {
        return List.of("""
                CREATE TABLE experiment_runs (
                  id            INTEGER PRIMARY KEY AUTOINCREMENT,
                  experiment_id TEXT NOT NULL,
                  source        TEXT NOT NULL,
                  definition    TEXT NOT NULL,
                  status        TEXT NOT NULL,
                  total_cells   INTEGER NOT NULL,
                  created_ms    INTEGER NOT NULL,
                  updated_ms    INTEGER NOT NULL,
                  heartbeat_ms  INTEGER NOT NULL,
                  note          TEXT
                );
                CREATE INDEX experiment_runs_experiment ON experiment_runs(experiment_id, id);
                CREATE TABLE experiment_cells (
                  run_id      INTEGER NOT NULL REFERENCES experiment_runs(id) ON DELETE CASCADE,
                  arm         INTEGER NOT NULL,
                  case_index  INTEGER NOT NULL,
                  rep         INTEGER NOT NULL,
                  status      TEXT NOT NULL,
                  output      TEXT NOT NULL,
                  score       REAL NOT NULL,
                  reason      TEXT NOT NULL,
                  latency_ms  REAL NOT NULL,
                  ttft_ms     REAL,
                  tokens_in   INTEGER NOT NULL,
                  tokens_out  INTEGER NOT NULL,
                  cost_usd    REAL NOT NULL,
                  source      TEXT NOT NULL,
                  finish      TEXT,
                  assertions  TEXT NOT NULL,
                  trace       TEXT NOT NULL,
                  finished_ms INTEGER NOT NULL,
                  PRIMARY KEY (run_id, arm, case_index, rep)
                );
                """);
    }
}
