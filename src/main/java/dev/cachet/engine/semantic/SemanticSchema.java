package dev.cachet.engine.semantic;

import dev.cachet.engine.store.SchemaModule;

import java.util.List;

/** The semantic cache's tables in cachet.db. Append migrations; never edit a released one. */
final class SemanticSchema implements SchemaModule {

    @Override public String name() { return "semantic"; }

    @Override
    public List<String> migrations() {
        return List.of("""
                CREATE TABLE semantic_entry (
                  id          INTEGER PRIMARY KEY AUTOINCREMENT,
                  namespace   TEXT NOT NULL,
                  query       TEXT NOT NULL,
                  vector      BLOB NOT NULL,
                  answer      TEXT NOT NULL,
                  provider    TEXT NOT NULL,
                  model       TEXT NOT NULL,
                  created_ms  INTEGER NOT NULL,
                  expires_ms  INTEGER NOT NULL
                );
                CREATE INDEX semantic_entry_namespace ON semantic_entry(namespace);
                CREATE TABLE embedding (
                  model      TEXT NOT NULL,
                  text_hash  TEXT NOT NULL,
                  vector     BLOB NOT NULL,
                  PRIMARY KEY (model, text_hash)
                ) WITHOUT ROWID;
                """,
                // When an entry was last served (null: never since stored): the entry cap drops the least recently used.
                """
                ALTER TABLE semantic_entry ADD COLUMN used_ms INTEGER;
                """);
    }
}
