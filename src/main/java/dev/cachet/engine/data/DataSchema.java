package dev.cachet.engine.data;

import dev.cachet.engine.store.SchemaModule;

import java.util.List;

/** The data route's result cache in cachet.db. Append migrations; never edit a released one. */
final class DataSchema implements SchemaModule {

    @Override public String name() { return "data"; }

    @Override
    public List<String> migrations() {
        return List.of("""
                CREATE TABLE data_result (
                  key         TEXT PRIMARY KEY,
                  database    TEXT NOT NULL,
                  sql         TEXT NOT NULL,
                  result      TEXT NOT NULL,
                  created_ms  INTEGER NOT NULL,
                  expires_ms  INTEGER NOT NULL
                ) WITHOUT ROWID;
                CREATE INDEX data_result_expires ON data_result(expires_ms);
                """);
    }
}
