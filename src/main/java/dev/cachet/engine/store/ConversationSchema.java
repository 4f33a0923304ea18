package dev.cachet.engine.store;

import java.util.List;

/** Conversations, their messages, and a full-text index over message text. Append migrations only. */
final class ConversationSchema implements SchemaModule {

    @Override public String name() { return "conversations"; }

    @Override
    public List<String> migrations() {
        return List.of("""
                CREATE TABLE conversations (
                  id         TEXT PRIMARY KEY,
                  title      TEXT NOT NULL,
                  created_ms INTEGER NOT NULL,
                  updated_ms INTEGER NOT NULL
                );
                CREATE INDEX conversations_updated ON conversations(updated_ms);
                CREATE TABLE messages (
                  conversation_id TEXT NOT NULL REFERENCES conversations(id) ON DELETE CASCADE,
                  seq         INTEGER NOT NULL,
                  role        TEXT NOT NULL,
                  content     TEXT NOT NULL,
                  created_ms  INTEGER NOT NULL,
                  source      TEXT,
                  provider    TEXT,
                  model       TEXT,
                  tokens_in   INTEGER,
                  tokens_out  INTEGER,
                  cost_usd    REAL,
                  ttft_ms     INTEGER,
                  total_ms    INTEGER,
                  PRIMARY KEY (conversation_id, seq)
                );
                CREATE VIRTUAL TABLE messages_fts USING fts5(content, tokenize = 'unicode61 remove_diacritics 2');
                CREATE TRIGGER messages_fts_insert AFTER INSERT ON messages BEGIN
                  INSERT INTO messages_fts(rowid, content) VALUES (new.rowid, new.content);
                END;
                CREATE TRIGGER messages_fts_delete AFTER DELETE ON messages BEGIN
                  DELETE FROM messages_fts WHERE rowid = old.rowid;
                END;
                """);
    }
}
