package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.ModelRef;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Semantic entries and embedding vectors in SQLite (vectors as little-endian float32 blobs).
 * One connection behind a lock: writes are few (one per model answer) and reads happen at start.
 */
public final class SqliteSemanticStore implements SemanticStore {

    /** Schema, in migration order (kept as a list so it moves into the shared database's modules as is). */
    static final List<String> MIGRATIONS = List.of("""
            CREATE TABLE IF NOT EXISTS semantic_entry (
              id INTEGER PRIMARY KEY AUTOINCREMENT,
              namespace TEXT NOT NULL, query TEXT NOT NULL, vector BLOB NOT NULL, answer TEXT NOT NULL,
              provider TEXT NOT NULL, model TEXT NOT NULL, created_at INTEGER NOT NULL, expires_at INTEGER NOT NULL);
            CREATE INDEX IF NOT EXISTS semantic_entry_ns ON semantic_entry(namespace);
            CREATE TABLE IF NOT EXISTS embedding (
              model TEXT NOT NULL, text_hash TEXT NOT NULL, vector BLOB NOT NULL,
              PRIMARY KEY (model, text_hash)) WITHOUT ROWID""");

    private final Path file;
    private final Connection connection;
    private final ReentrantLock lock = new ReentrantLock();

    public SqliteSemanticStore(Path file) {
        this.file = file;
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            connection = DriverManager.getConnection("jdbc:sqlite:" + file);
            try (Statement s = connection.createStatement()) {
                s.execute("PRAGMA journal_mode=WAL");
                s.execute("PRAGMA synchronous=NORMAL");
                for (String migration : MIGRATIONS) for (String sql : migration.split(";")) if (!sql.isBlank()) s.execute(sql);
            }
        } catch (SQLException | java.io.IOException e) {
            throw new IllegalStateException("cannot open semantic store " + file + ": " + e.getMessage(), e);
        }
    }

    @Override public List<SemanticEntry> loadEntries() {
        return locked(() -> {
            var out = new ArrayList<SemanticEntry>();
            try (Statement s = connection.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, namespace, query, vector, answer, provider, model, created_at, expires_at FROM semantic_entry")) {
                while (rs.next()) {
                    out.add(new SemanticEntry(rs.getLong(1), rs.getString(2), rs.getString(3), fromBlob(rs.getBytes(4)),
                            rs.getString(5), new ModelRef(rs.getString(6), rs.getString(7)),
                            Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9))));
                }
            }
            return out;
        });
    }

    @Override public long insert(SemanticEntry e) {
        return locked(() -> {
            try (PreparedStatement ps = connection.prepareStatement("INSERT INTO semantic_entry "
                    + "(namespace, query, vector, answer, provider, model, created_at, expires_at) VALUES (?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, e.namespace());
                ps.setString(2, e.query());
                ps.setBytes(3, toBlob(e.vector()));
                ps.setString(4, e.answer());
                ps.setString(5, e.model().provider());
                ps.setString(6, e.model().model());
                ps.setLong(7, e.createdAt().toEpochMilli());
                ps.setLong(8, e.expiresAt().toEpochMilli());
                ps.executeUpdate();
                try (ResultSet keys = ps.getGeneratedKeys()) {
                    keys.next();
                    return keys.getLong(1);
                }
            }
        });
    }

    @Override public void delete(long id) {
        locked(() -> {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM semantic_entry WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
    }

    @Override public int deleteNamespace(String namespace) {
        return locked(() -> {
            try (PreparedStatement ps = connection.prepareStatement("DELETE FROM semantic_entry WHERE namespace = ?")) {
                ps.setString(1, namespace);
                return ps.executeUpdate();
            }
        });
    }

    @Override public Map<String, float[]> embeddings(String model, List<String> textHashes) {
        return locked(() -> {
            var out = new HashMap<String, float[]>();
            try (PreparedStatement ps = connection.prepareStatement("SELECT vector FROM embedding WHERE model = ? AND text_hash = ?")) {
                for (String h : textHashes) {
                    ps.setString(1, model);
                    ps.setString(2, h);
                    try (ResultSet rs = ps.executeQuery()) {
                        if (rs.next()) out.put(h, fromBlob(rs.getBytes(1)));
                    }
                }
            }
            return out;
        });
    }

    @Override public void putEmbeddings(String model, Map<String, float[]> vectors) {
        if (vectors.isEmpty()) return;
        locked(() -> {
            boolean auto = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try (PreparedStatement ps = connection.prepareStatement("INSERT OR REPLACE INTO embedding (model, text_hash, vector) VALUES (?,?,?)")) {
                for (var e : vectors.entrySet()) {
                    ps.setString(1, model);
                    ps.setString(2, e.getKey());
                    ps.setBytes(3, toBlob(e.getValue()));
                    ps.addBatch();
                }
                ps.executeBatch();
                connection.commit();
            } catch (SQLException ex) {
                connection.rollback();
                throw ex;
            } finally {
                connection.setAutoCommit(auto);
            }
            return null;
        });
    }

    @Override public void close() {
        try { connection.close(); } catch (SQLException ignored) { /* closing */ }
    }

    static byte[] toBlob(float[] v) {
        var bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(v);
        return bb.array();
    }

    static float[] fromBlob(byte[] b) {
        float[] v = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }

    private interface SqlWork<T> { T run() throws SQLException; }

    private <T> T locked(SqlWork<T> work) {
        lock.lock();
        try {
            return work.run();
        } catch (SQLException e) {
            throw new IllegalStateException("semantic store " + file + ": " + e.getMessage(), e);
        } finally {
            lock.unlock();
        }
    }
}
