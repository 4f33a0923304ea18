package dev.cachet.engine.retrieval;

import dev.cachet.engine.semantic.SqliteSemanticStore;
import dev.cachet.engine.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.ObjIntConsumer;

/**
 * Collections, their documents and chunks in the shared cachet.db. A document's chunks are replaced
 * in one transaction together with its content hash, so a crash leaves either the old or the new
 * version, and the next ingest sees which.
 */
public final class CollectionStore {

    /** A stored document: what incremental ingest compares against. */
    public record DocumentRow(long id, String path, String contentHash, long bytes, int chunks) { }

    /** A chunk to store: text, position and its vector. */
    public record NewChunk(String text, String position, float[] vector) { }

    /** What replacing or removing a document did to the chunk table. */
    public record Replaced(long documentId, List<Long> added, List<Long> removed) { }

    private final Database db;

    public CollectionStore(Database db) {
        this.db = db;
        db.migrate(new RetrievalSchema());
    }

    public CollectionInfo create(String name, List<String> sources, Instant now) {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
            throw new IllegalArgumentException("collection name '" + name + "' must be 1-64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (find(name).isPresent()) throw new IllegalArgumentException("collection '" + name + "' already exists");
        long id = db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO rag_collection (name, created_ms) VALUES (?, ?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, name);
                ps.setLong(2, now.toEpochMilli());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    long newId = keys.getLong(1);
                    insertSources(c, newId, sources);
                    return newId;
                }
            }
        });
        return info(id).orElseThrow();
    }

    public void addSources(long collectionId, List<String> sources) {
        db.write(c -> {
            insertSources(c, collectionId, sources);
            return null;
        });
    }

    private static void insertSources(Connection c, long id, List<String> sources) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT OR IGNORE INTO rag_source (collection_id, path) VALUES (?, ?)")) {
            for (String s : sources) {
                ps.setLong(1, id);
                ps.setString(2, s);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public boolean delete(long collectionId) {
        return db.write(c -> {
            try (PreparedStatement chunks = c.prepareStatement("DELETE FROM rag_chunk WHERE collection_id = ?");
                 PreparedStatement cache = c.prepareStatement("DELETE FROM rag_cache WHERE collection_id = ?");
                 PreparedStatement ps = c.prepareStatement("DELETE FROM rag_collection WHERE id = ?")) {
                chunks.setLong(1, collectionId);
                chunks.executeUpdate();
                cache.setLong(1, collectionId);
                cache.executeUpdate();
                ps.setLong(1, collectionId);
                return ps.executeUpdate() > 0;
            }
        });
    }

    /** What a retrieval needs of a collection: one indexed row, no counts (the hot path). */
    public record Head(long id, String name, long version, String embedder) { }

    public Optional<Head> head(String name) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, version, embedder FROM rag_collection WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(new Head(rs.getLong(1), name, rs.getLong(2), rs.getString(3))) : Optional.<Head>empty();
                }
            }
        });
    }

    public Optional<CollectionInfo> find(String name) {
        Long id = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM rag_collection WHERE name = ?")) {
                ps.setString(1, name);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : null;
                }
            }
        });
        return id == null ? Optional.empty() : info(id);
    }

    public List<CollectionInfo> all() {
        List<Long> ids = db.read(c -> {
            var out = new ArrayList<Long>();
            try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT id FROM rag_collection ORDER BY name")) {
                while (rs.next()) out.add(rs.getLong(1));
            }
            return out;
        });
        return ids.stream().map(this::info).flatMap(Optional::stream).toList();
    }

    public Optional<CollectionInfo> info(long id) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT name, version, watch, embedder, created_ms, last_ingest_ms, last_ingest,"
                    + " (SELECT count(*) FROM rag_document d WHERE d.collection_id = x.id),"
                    + " (SELECT coalesce(sum(chunks), 0) FROM rag_document d WHERE d.collection_id = x.id),"
                    + " (SELECT coalesce(sum(bytes), 0) FROM rag_document d WHERE d.collection_id = x.id)"
                    + " FROM rag_collection x WHERE id = ?")) {
                ps.setLong(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return Optional.<CollectionInfo>empty();
                    long lastMs = rs.getLong(6);
                    Instant last = rs.wasNull() ? null : Instant.ofEpochMilli(lastMs);
                    return Optional.of(new CollectionInfo(id, rs.getString(1), rs.getLong(2), rs.getInt(3) != 0, rs.getString(4),
                            strings(c, "SELECT path FROM rag_source WHERE collection_id = ? ORDER BY path", id),
                            rs.getInt(8), rs.getLong(9), rs.getLong(10), Instant.ofEpochMilli(rs.getLong(5)), last, rs.getString(7),
                            problems(c, id)));
                }
            }
        });
    }

    private static List<String> strings(Connection c, String sql, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setLong(1, id);
            var out = new ArrayList<String>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getString(1));
            }
            return out;
        }
    }

    private static List<IngestProblem> problems(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT path, reason FROM rag_problem WHERE collection_id = ? ORDER BY path")) {
            ps.setLong(1, id);
            var out = new ArrayList<IngestProblem>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(new IngestProblem(rs.getString(1), rs.getString(2)));
            }
            return out;
        }
    }

    public void setWatch(long id, boolean on) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE rag_collection SET watch = ? WHERE id = ?")) {
                ps.setInt(1, on ? 1 : 0);
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }

    /** The stored documents of a collection by path. */
    public Map<String, DocumentRow> documents(long collectionId) {
        return db.read(c -> {
            var out = new LinkedHashMap<String, DocumentRow>();
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT id, path, content_hash, bytes, chunks FROM rag_document WHERE collection_id = ? ORDER BY path")) {
                ps.setLong(1, collectionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getString(2), new DocumentRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getInt(5)));
                    }
                }
            }
            return out;
        });
    }

    /** Replaces a document's chunks (or adds the document) in one transaction; returns the chunk ids added and removed. */
    public Replaced replaceDocument(long collectionId, String path, String hash, long bytes, List<NewChunk> chunks, Instant now) {
        return db.write(c -> {
            List<Long> removed = new ArrayList<>();
            Long docId = null;
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM rag_document WHERE collection_id = ? AND path = ?")) {
                ps.setLong(1, collectionId);
                ps.setString(2, path);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) docId = rs.getLong(1);
                }
            }
            if (docId != null) {
                removed = chunkIdsOf(c, docId);
                try (PreparedStatement del = c.prepareStatement("DELETE FROM rag_chunk WHERE document_id = ?");
                     PreparedStatement upd = c.prepareStatement(
                             "UPDATE rag_document SET content_hash = ?, bytes = ?, chunks = ?, ingested_ms = ? WHERE id = ?")) {
                    del.setLong(1, docId);
                    del.executeUpdate();
                    upd.setString(1, hash);
                    upd.setLong(2, bytes);
                    upd.setInt(3, chunks.size());
                    upd.setLong(4, now.toEpochMilli());
                    upd.setLong(5, docId);
                    upd.executeUpdate();
                }
            } else {
                try (PreparedStatement ins = c.prepareStatement("INSERT INTO rag_document (collection_id, path, content_hash, bytes, chunks, ingested_ms)"
                        + " VALUES (?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
                    ins.setLong(1, collectionId);
                    ins.setString(2, path);
                    ins.setString(3, hash);
                    ins.setLong(4, bytes);
                    ins.setInt(5, chunks.size());
                    ins.setLong(6, now.toEpochMilli());
                    ins.executeUpdate();
                    try (ResultSet keys = ins.getGeneratedKeys()) {
                        keys.next();
                        docId = keys.getLong(1);
                    }
                }
            }
            return new Replaced(docId, insertChunks(c, collectionId, docId, chunks), removed);
        });
    }

    private static List<Long> insertChunks(Connection c, long collectionId, long docId, List<NewChunk> chunks) throws SQLException {
        var ids = new ArrayList<Long>(chunks.size());
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rag_chunk (collection_id, document_id, ord, text, position, vector)"
                + " VALUES (?,?,?,?,?,?)", Statement.RETURN_GENERATED_KEYS)) {
            for (int i = 0; i < chunks.size(); i++) {
                NewChunk ch = chunks.get(i);
                ps.setLong(1, collectionId);
                ps.setLong(2, docId);
                ps.setInt(3, i);
                ps.setString(4, ch.text());
                ps.setString(5, ch.position());
                ps.setBytes(6, SqliteSemanticStore.toBlob(ch.vector()));
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    ids.add(keys.getLong(1));
                }
            }
        }
        return ids;
    }

    /** Removes a document and its chunks; returns the chunk ids removed (empty when it was not there). */
    public List<Long> removeDocument(long collectionId, String path) {
        return db.write(c -> {
            List<Long> removed = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM rag_document WHERE collection_id = ? AND path = ?")) {
                ps.setLong(1, collectionId);
                ps.setString(2, path);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) return removed;
                    long docId = rs.getLong(1);
                    removed = chunkIdsOf(c, docId);
                    try (PreparedStatement del = c.prepareStatement("DELETE FROM rag_chunk WHERE document_id = ?");
                         PreparedStatement doc = c.prepareStatement("DELETE FROM rag_document WHERE id = ?")) {
                        del.setLong(1, docId);
                        del.executeUpdate();
                        doc.setLong(1, docId);
                        doc.executeUpdate();
                    }
                }
            }
            return removed;
        });
    }

    /** Adds chunks under one synthetic document (the EmbeddingStore path, e.g. vectors made elsewhere). */
    public List<Long> appendChunks(long collectionId, String source, List<NewChunk> chunks, Instant now) {
        return db.write(c -> {
            long docId;
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO rag_document (collection_id, path, content_hash, bytes, chunks, ingested_ms)"
                    + " VALUES (?,?,'',0,0,?) ON CONFLICT(collection_id, path) DO UPDATE SET ingested_ms = excluded.ingested_ms RETURNING id")) {
                ins.setLong(1, collectionId);
                ins.setString(2, source);
                ins.setLong(3, now.toEpochMilli());
                try (ResultSet rs = ins.executeQuery()) {
                    rs.next();
                    docId = rs.getLong(1);
                }
            }
            List<Long> ids = insertChunks(c, collectionId, docId, chunks);
            long bytes = chunks.stream().mapToLong(ch -> ch.text().length()).sum();
            try (PreparedStatement upd = c.prepareStatement("UPDATE rag_document SET chunks = chunks + ?, bytes = bytes + ? WHERE id = ?")) {
                upd.setInt(1, chunks.size());
                upd.setLong(2, bytes);
                upd.setLong(3, docId);
                upd.executeUpdate();
            }
            return ids;
        });
    }

    /** Removes chunks by id (the EmbeddingStore path); their documents' counts follow. */
    public void removeChunks(Collection<Long> ids) {
        if (ids.isEmpty()) return;
        db.write(c -> {
            try (PreparedStatement doc = c.prepareStatement("UPDATE rag_document SET chunks = chunks - 1 WHERE id = (SELECT document_id FROM rag_chunk WHERE id = ?)");
                 PreparedStatement del = c.prepareStatement("DELETE FROM rag_chunk WHERE id = ?")) {
                for (long id : ids) {
                    doc.setLong(1, id);
                    doc.executeUpdate();
                    del.setLong(1, id);
                    del.executeUpdate();
                }
            }
            return null;
        });
    }

    private static List<Long> chunkIdsOf(Connection c, long docId) throws SQLException {
        var out = new ArrayList<Long>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM rag_chunk WHERE document_id = ?")) {
            ps.setLong(1, docId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) out.add(rs.getLong(1));
            }
        }
        return out;
    }

    /** Visits every chunk vector of a collection (to build its index). */
    public void forEachVector(long collectionId, ObjIntConsumer<float[]> visitor) {
        db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT id, vector FROM rag_chunk WHERE collection_id = ?")) {
                ps.setLong(1, collectionId);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) visitor.accept(SqliteSemanticStore.fromBlob(rs.getBytes(2)), Math.toIntExact(rs.getLong(1)));
                }
            }
            return null;
        });
    }

    /** Chunks by id, with their document's path. */
    public Map<Long, StoredChunk> chunks(Collection<Long> ids) {
        if (ids.isEmpty()) return Map.of();
        return db.read(c -> {
            var out = new HashMap<Long, StoredChunk>();
            var list = List.copyOf(ids);
            String marks = String.join(",", java.util.Collections.nCopies(list.size(), "?"));
            try (PreparedStatement ps = c.prepareStatement("SELECT k.id, k.document_id, d.path, k.ord, k.text, k.position"
                    + " FROM rag_chunk k JOIN rag_document d ON d.id = k.document_id WHERE k.id IN (" + marks + ")")) {
                for (int i = 0; i < list.size(); i++) ps.setLong(i + 1, list.get(i));
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getLong(1), new StoredChunk(rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5), rs.getString(6)));
                    }
                }
            }
            return out;
        });
    }

    /** The vector of one chunk (EmbeddingStore search results carry it). */
    public Optional<float[]> vector(long chunkId) {
        return db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT vector FROM rag_chunk WHERE id = ?")) {
                ps.setLong(1, chunkId);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(SqliteSemanticStore.fromBlob(rs.getBytes(1))) : Optional.<float[]>empty();
                }
            }
        });
    }

    /** Bumps the version (every change to the collection) and drops its retrieval-cache rows; returns the new version. */
    public long bumpVersion(long collectionId) {
        return db.write(c -> {
            try (PreparedStatement up = c.prepareStatement("UPDATE rag_collection SET version = version + 1 WHERE id = ? RETURNING version");
                 PreparedStatement cache = c.prepareStatement("DELETE FROM rag_cache WHERE collection_id = ?")) {
                up.setLong(1, collectionId);
                long v;
                try (ResultSet rs = up.executeQuery()) {
                    rs.next();
                    v = rs.getLong(1);
                }
                cache.setLong(1, collectionId);
                cache.executeUpdate();
                return v;
            }
        });
    }

    /** Records how the last ingest went: when, a summary line, the embedder, and the files it could not read. */
    public void recordIngest(long collectionId, Instant at, String summary, String embedder, List<IngestProblem> problems) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE rag_collection SET last_ingest_ms = ?, last_ingest = ?, embedder = ? WHERE id = ?");
                 PreparedStatement clear = c.prepareStatement("DELETE FROM rag_problem WHERE collection_id = ?");
                 PreparedStatement add = c.prepareStatement("INSERT OR REPLACE INTO rag_problem (collection_id, path, reason, at_ms) VALUES (?,?,?,?)")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setString(2, summary);
                ps.setString(3, embedder);
                ps.setLong(4, collectionId);
                ps.executeUpdate();
                clear.setLong(1, collectionId);
                clear.executeUpdate();
                for (IngestProblem p : problems) {
                    add.setLong(1, collectionId);
                    add.setString(2, p.path());
                    add.setString(3, p.reason());
                    add.setLong(4, at.toEpochMilli());
                    add.addBatch();
                }
                add.executeBatch();
            }
            return null;
        });
    }

    Database database() { return db; }
}
