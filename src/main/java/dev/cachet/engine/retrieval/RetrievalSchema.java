package dev.cachet.engine.retrieval;

import dev.cachet.engine.store.SchemaModule;

import java.util.List;

/** Collections, their documents and chunks, ingestion problems and the retrieval cache in cachet.db. Append migrations only. */
final class RetrievalSchema implements SchemaModule {

    @Override public String name() { return "retrieval"; }

    @Override
    public List<String> migrations() {
        return List.of("""
                CREATE TABLE rag_collection (
                  id              INTEGER PRIMARY KEY AUTOINCREMENT,
                  name            TEXT NOT NULL UNIQUE,
                  version         INTEGER NOT NULL DEFAULT 0,
                  watch           INTEGER NOT NULL DEFAULT 0,
                  embedder        TEXT,
                  created_ms      INTEGER NOT NULL,
                  last_ingest_ms  INTEGER,
                  last_ingest     TEXT
                );
                CREATE TABLE rag_source (
                  collection_id  INTEGER NOT NULL REFERENCES rag_collection(id) ON DELETE CASCADE,
                  path           TEXT NOT NULL,
                  PRIMARY KEY (collection_id, path)
                );
                CREATE TABLE rag_document (
                  id             INTEGER PRIMARY KEY AUTOINCREMENT,
                  collection_id  INTEGER NOT NULL REFERENCES rag_collection(id) ON DELETE CASCADE,
                  path           TEXT NOT NULL,
                  content_hash   TEXT NOT NULL,
                  bytes          INTEGER NOT NULL,
                  chunks         INTEGER NOT NULL,
                  ingested_ms    INTEGER NOT NULL,
                  UNIQUE (collection_id, path)
                );
                CREATE TABLE rag_chunk (
                  id             INTEGER PRIMARY KEY AUTOINCREMENT,
                  collection_id  INTEGER NOT NULL,
                  document_id    INTEGER NOT NULL REFERENCES rag_document(id) ON DELETE CASCADE,
                  ord            INTEGER NOT NULL,
                  text           TEXT NOT NULL,
                  position       TEXT NOT NULL,
                  vector         BLOB NOT NULL
                );
                CREATE INDEX rag_chunk_collection ON rag_chunk(collection_id);
                CREATE INDEX rag_chunk_document ON rag_chunk(document_id);
                CREATE TABLE rag_problem (
                  collection_id  INTEGER NOT NULL REFERENCES rag_collection(id) ON DELETE CASCADE,
                  path           TEXT NOT NULL,
                  reason         TEXT NOT NULL,
                  at_ms          INTEGER NOT NULL,
                  PRIMARY KEY (collection_id, path)
                );
                CREATE TABLE rag_cache (
                  key            TEXT PRIMARY KEY,
                  collection_id  INTEGER NOT NULL,
                  version        INTEGER NOT NULL,
                  hits           TEXT NOT NULL,
                  expires_ms     INTEGER NOT NULL
                );
                CREATE INDEX rag_cache_collection ON rag_cache(collection_id);
                CREATE TABLE rag_answer_source (
                  answer_hash    TEXT NOT NULL,
                  collection_id  INTEGER NOT NULL REFERENCES rag_collection(id) ON DELETE CASCADE,
                  version        INTEGER NOT NULL,
                  chunk_ids      TEXT NOT NULL,
                  PRIMARY KEY (answer_hash, collection_id, version)
                );
                """);
    }
}
