package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.store.Database;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Semantic entries and embedding vectors in the shared cachet.db (vectors as little-endian float32
 * blobs). The database belongs to the caller: closing this store leaves it open.
 */
public final class SqliteSemanticStore implements SemanticStore {

    private final Database db;

    public SqliteSemanticStore(Database db) {
        this.db = db;
        db.migrate(new SemanticSchema());
    }

    @Override public List<SemanticEntry> loadEntries() {
        return db.read(c -> {
            var out = new ArrayList<SemanticEntry>();
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT id, namespace, query, vector, answer, provider, model, created_ms, expires_ms FROM semantic_entry"
                         + " ORDER BY COALESCE(used_ms, created_ms), id")) {
                while (rs.next()) {
                    var atRest = db.atRest();
                    out.add(new SemanticEntry(rs.getLong(1), rs.getString(2), atRest.openText(rs.getString(3)), fromBlob(rs.getBytes(4)),
                            atRest.openText(rs.getString(5)), new ModelRef(rs.getString(6), rs.getString(7)),
                            Instant.ofEpochMilli(rs.getLong(8)), Instant.ofEpochMilli(rs.getLong(9))));
                }
            }
            return out;
        });
    }

    @Override public long insert(SemanticEntry e) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO semantic_entry "
                    + "(namespace, query, vector, answer, provider, model, created_ms, expires_ms) VALUES (?,?,?,?,?,?,?,?)",
                    Statement.RETURN_GENERATED_KEYS)) {
                ps.setString(1, e.namespace());
                // The query and the answer are what a person asked and was told: sealed like the exact cache's answers.
                String ns = "model:" + e.model().provider() + "/" + e.model().model();
                ps.setString(2, db.atRest().sealText(e.query(), ns));
                ps.setBytes(3, toBlob(e.vector()));
                ps.setString(4, db.atRest().sealText(e.answer(), ns));
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
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM semantic_entry WHERE id = ?")) {
                ps.setLong(1, id);
                return ps.executeUpdate();
            }
        });
    }

    @Override public void deleteAll(List<SemanticEntry> entries) {
        if (entries.isEmpty()) return;
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM semantic_entry WHERE id = ?")) {
                for (SemanticEntry e : entries) {
                    ps.setLong(1, e.id());
                    ps.addBatch();
                }
                return ps.executeBatch().length;
            }
        });
    }

    @Override public void markUsed(long id, Instant at) {
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE semantic_entry SET used_ms = ? WHERE id = ?")) {
                ps.setLong(1, at.toEpochMilli());
                ps.setLong(2, id);
                return ps.executeUpdate();
            }
        });
    }

    @Override public int deleteNamespace(String namespace) {
        return db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM semantic_entry WHERE namespace = ?")) {
                ps.setString(1, namespace);
                return ps.executeUpdate();
            }
        });
    }

    @Override public Map<String, float[]> embeddings(String model, List<String> textHashes) {
        return db.read(c -> {
            var out = new HashMap<String, float[]>();
            try (PreparedStatement ps = c.prepareStatement("SELECT vector FROM embedding WHERE model = ? AND text_hash = ?")) {
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
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO embedding (model, text_hash, vector) VALUES (?,?,?)")) {
                for (var e : vectors.entrySet()) {
                    ps.setString(1, model);
                    ps.setString(2, e.getKey());
                    ps.setBytes(3, toBlob(e.getValue()));
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    /** The database is the caller's to close. */
    @Override public void close() { }

    public static byte[] toBlob(float[] v) {
        var bb = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        bb.asFloatBuffer().put(v);
        return bb.array();
    }

    public static float[] fromBlob(byte[] b) {
        float[] v = new float[b.length / 4];
        ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
        return v;
    }
}
