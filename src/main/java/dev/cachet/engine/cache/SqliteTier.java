package dev.cachet.engine.cache;

import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.store.Database;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * L2 in the shared SQLite file (table {@code exact_cache}); survives restarts.
 *
 * <p>A {@link KeyIndex} of the keys the table holds (loaded at open, kept up to date by every put,
 * invalidation, purge and lookup here) answers a definite miss without touching SQLite; a possible
 * hit is always read from the table, so the index can cost a model call (a key another process
 * stored since this one opened) but never a wrong answer. Reader connections keep their lookup
 * statement prepared.
 */
public final class SqliteTier implements L2Tier {

    private static final String COLUMNS = "key, model_ns, template_ns, provider, model, finish, tokens_in, tokens_out, "
            + "value, compressed, raw_bytes, created_ms, expires_ms";

    private final Database db;
    private final InstantSource clock;
    private final ValueCodec codec;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();
    private final KeyIndex index;
    /** One prepared lookup per reader connection (a connection serves one reader at a time). */
    private final Map<Connection, PreparedStatement> lookups = new ConcurrentHashMap<>();

    public SqliteTier(Database db, InstantSource clock, int compressAboveBytes) {
        this.db = db;
        this.clock = clock;
        this.codec = new ValueCodec(compressAboveBytes);
        db.migrate(new CacheSchema());
        this.index = loadIndex();
    }

    private KeyIndex loadIndex() {
        return db.read(c -> {
            long now = clock.millis();
            int live;
            try (var ps = c.prepareStatement("SELECT count(*) FROM exact_cache WHERE expires_ms > ?")) {
                ps.setLong(1, now);
                try (var rs = ps.executeQuery()) {
                    live = rs.next() ? rs.getInt(1) : 0;
                }
            }
            var keys = new KeyIndex(live);
            try (var ps = c.prepareStatement("SELECT key, expires_ms FROM exact_cache WHERE expires_ms > ?")) {
                ps.setLong(1, now);
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) keys.add(new CacheKey(rs.getString(1)), rs.getLong(2));
                }
            }
            return keys;
        });
    }

    @Override
    public Optional<CacheEntry> get(CacheKey key) {
        long now = clock.millis();
        long indexed = index.expiryOf(key, now);
        if (indexed == KeyIndex.ABSENT) {
            misses.increment();
            return Optional.empty();
        }
        Optional<CacheEntry> found = db.read(c -> {
            PreparedStatement ps = lookups.get(c);
            if (ps == null || ps.isClosed()) {
                ps = c.prepareStatement("SELECT " + COLUMNS + " FROM exact_cache WHERE key = ? AND expires_ms > ?");
                lookups.put(c, ps);
            }
            ps.setString(1, key.hex());
            ps.setLong(2, now);
            try (var rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(entry(rs)) : Optional.empty();
            }
        });
        // The row is gone (another process, or an overlap with a change here): forget the key.
        if (found.isEmpty() && indexed != KeyIndex.UNKNOWN) index.remove(key, indexed);
        (found.isPresent() ? hits : misses).increment();
        return found;
    }

    /** For tests and stats: how many keys the index holds. */
    int indexedKeys() { return index.size(); }

    /** For tests: whether the index says {@code key} may be stored (live at the clock's now). */
    boolean indexHolds(CacheKey key) { return index.expiryOf(key, clock.millis()) != KeyIndex.ABSENT; }

    private CacheEntry entry(ResultSet rs) throws SQLException {
        String text = codec.decode(db.atRest().open(rs.getBytes("value")), rs.getInt("compressed") == 1, rs.getInt("raw_bytes"));
        var answer = new CachedAnswer(text, new ModelRef(rs.getString("provider"), rs.getString("model")),
                new Usage(rs.getInt("tokens_in"), rs.getInt("tokens_out")), FinishReason.valueOf(rs.getString("finish")),
                Instant.ofEpochMilli(rs.getLong("created_ms")));
        return new CacheEntry(new CacheKey(rs.getString("key")), answer, rs.getString("model_ns"), rs.getString("template_ns"),
                Instant.ofEpochMilli(rs.getLong("expires_ms")));
    }

    @Override public void put(CacheEntry entry) { putAll(List.of(entry)); }

    @Override
    public void putAll(List<CacheEntry> entries) {
        if (entries.isEmpty()) return;
        db.write(c -> {
            // Replacing an entry (Regenerate) keeps its hit history.
            try (var ps = c.prepareStatement("INSERT INTO exact_cache (" + COLUMNS + ") VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?) "
                    + "ON CONFLICT(key) DO UPDATE SET model_ns = excluded.model_ns, template_ns = excluded.template_ns, "
                    + "provider = excluded.provider, model = excluded.model, finish = excluded.finish, "
                    + "tokens_in = excluded.tokens_in, tokens_out = excluded.tokens_out, value = excluded.value, "
                    + "compressed = excluded.compressed, raw_bytes = excluded.raw_bytes, created_ms = excluded.created_ms, "
                    + "expires_ms = excluded.expires_ms")) {
                for (CacheEntry e : entries) {
                    bind(ps, e);
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
        // Only after the commit: a reader that saw the key here and no row would forget it again.
        for (CacheEntry e : entries) index.add(e.key(), e.expiresAt().toEpochMilli());
    }

    private void bind(PreparedStatement ps, CacheEntry e) throws SQLException {
        CachedAnswer a = e.answer();
        var encoded = codec.encode(a.text());
        ps.setString(1, e.key().hex());
        ps.setString(2, e.modelNamespace());
        ps.setString(3, e.templateNamespace());
        ps.setString(4, a.model().provider());
        ps.setString(5, a.model().model());
        ps.setString(6, a.finish().name());
        ps.setInt(7, a.usage().inputTokens());
        ps.setInt(8, a.usage().outputTokens());
        var atRest = db.atRest();
        ps.setBytes(9, atRest.coversEntry(e.modelNamespace(), e.templateNamespace()) ? atRest.seal(encoded.bytes()) : encoded.bytes());
        ps.setInt(10, encoded.compressed() ? 1 : 0);
        ps.setInt(11, encoded.rawBytes());
        ps.setLong(12, a.created().toEpochMilli());
        ps.setLong(13, e.expiresAt().toEpochMilli());
    }

    @Override
    public void recordHits(Map<CacheKey, HitRecord> records) {
        if (records.isEmpty()) return;
        db.write(c -> {
            try (var ps = c.prepareStatement("UPDATE exact_cache SET hits = hits + ?, "
                    + "last_hit_ms = max(coalesce(last_hit_ms, 0), ?) WHERE key = ?")) {
                for (var r : records.entrySet()) {
                    ps.setLong(1, r.getValue().count());
                    ps.setLong(2, r.getValue().lastHit() == null ? 0 : r.getValue().lastHit().toEpochMilli());
                    ps.setString(3, r.getKey().hex());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public HitRecord hitsOf(CacheKey key) {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT hits, last_hit_ms FROM exact_cache WHERE key = ?")) {
                ps.setString(1, key.hex());
                try (var rs = ps.executeQuery()) {
                    if (!rs.next()) return new HitRecord(0, null);
                    long last = rs.getLong(2);
                    return new HitRecord(rs.getLong(1), rs.wasNull() ? null : Instant.ofEpochMilli(last));
                }
            }
        });
    }

    @Override
    public void addCounters(Map<String, Long> deltas) {
        if (deltas.values().stream().allMatch(v -> v == 0)) return;
        db.write(c -> {
            try (var ps = c.prepareStatement("INSERT INTO cache_counters(name, value) VALUES (?, ?) "
                    + "ON CONFLICT(name) DO UPDATE SET value = value + excluded.value")) {
                for (var d : deltas.entrySet()) {
                    ps.setString(1, d.getKey());
                    ps.setLong(2, d.getValue());
                    ps.addBatch();
                }
                ps.executeBatch();
            }
            return null;
        });
    }

    @Override
    public Map<String, Long> counters() {
        return db.read(c -> {
            var out = new HashMap<String, Long>();
            try (var s = c.createStatement(); var rs = s.executeQuery("SELECT name, value FROM cache_counters")) {
                while (rs.next()) out.put(rs.getString(1), rs.getLong(2));
            }
            return out;
        });
    }

    @Override
    public long invalidate(Namespace ns) {
        if (ns instanceof Namespace.All) {
            long removed = db.write(c -> {
                try (var s = c.createStatement()) {
                    return (long) s.executeUpdate("DELETE FROM exact_cache");
                }
            });
            index.clear();
            return removed;
        }
        List<CacheKey> removed = db.write(c -> {
            String sql = switch (ns) {
                case Namespace.All all -> throw new IllegalStateException("handled above");
                case Namespace.Model m -> "DELETE FROM exact_cache WHERE model_ns = ? RETURNING key";
                case Namespace.Template t -> "DELETE FROM exact_cache WHERE template_ns = ? RETURNING key";
            };
            try (var ps = c.prepareStatement(sql)) {
                switch (ns) {
                    case Namespace.All all -> { }
                    case Namespace.Model m -> ps.setString(1, m.providerModel());
                    case Namespace.Template t -> ps.setString(1, t.id());
                }
                var keys = new ArrayList<CacheKey>();
                try (var rs = ps.executeQuery()) {
                    while (rs.next()) keys.add(new CacheKey(rs.getString(1)));
                }
                return keys;
            }
        });
        for (CacheKey k : removed) index.remove(k);
        return removed.size();
    }

    @Override
    public long purgeExpired(Instant now) {
        long removed = db.write(c -> {
            try (var ps = c.prepareStatement("DELETE FROM exact_cache WHERE expires_ms <= ?")) {
                ps.setLong(1, now.toEpochMilli());
                return (long) ps.executeUpdate();
            }
        });
        index.removeExpired(now.toEpochMilli());
        return removed;
    }

    /** Live entries and their stored (possibly compressed) bytes; hits and misses of this process. */
    @Override
    public TierStats stats() {
        return db.read(c -> {
            try (var ps = c.prepareStatement("SELECT count(*), coalesce(sum(length(value)), 0) FROM exact_cache WHERE expires_ms > ?")) {
                ps.setLong(1, clock.millis());
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    return new TierStats("l2", rs.getLong(1), rs.getLong(2), hits.sum(), misses.sum());
                }
            }
        });
    }
}
