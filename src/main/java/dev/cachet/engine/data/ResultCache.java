package dev.cachet.engine.data;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cachet.engine.store.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Query results of the data route, keyed by the database's identity, the normalised SQL and the row
 * limit, with their own TTL ({@code cache.ttl.data}, minutes by default: rows change). Caffeine in
 * memory over a table in cachet.db.
 */
public final class ResultCache {

    private record Stored(QueryResult result, long expiresMs) { }

    /** The JSON form of a result in SQLite. */
    record Row(List<String> columns, List<List<String>> rows, boolean truncated, long elapsedMicros) { }

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Database db;
    private final InstantSource clock;
    private final Duration ttl;
    private final Cache<String, Stored> memory = Caffeine.newBuilder().maximumSize(2_000).build();

    public ResultCache(Database db, InstantSource clock, Duration ttl) {
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
        db.migrate(new DataSchema());
    }

    public static String key(String database, String normalizedSql, int rowLimit) {
        try {
            var md = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {database, normalizedSql, Integer.toString(rowLimit)}) {
                md.update(part.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    public Optional<QueryResult> get(String key) {
        long now = clock.millis();
        Stored s = memory.getIfPresent(key);
        if (s == null) {
            s = db.read(c -> {
                try (var ps = c.prepareStatement("SELECT result, expires_ms FROM data_result WHERE key = ?")) {
                    ps.setString(1, key);
                    try (var rs = ps.executeQuery()) {
                        return rs.next() ? new Stored(decode(rs.getString(1)), rs.getLong(2)) : null;
                    }
                }
            });
            if (s != null) memory.put(key, s);
        }
        if (s == null || s.expiresMs() <= now) {
            if (s != null) memory.invalidate(key);
            return Optional.empty();
        }
        return Optional.of(s.result());
    }

    public void put(String key, String database, String sql, QueryResult result) {
        long now = clock.millis();
        long expires = now + ttl.toMillis();
        memory.put(key, new Stored(result, expires));
        String json = encode(result);
        db.write(c -> {
            try (var ps = c.prepareStatement("INSERT INTO data_result(key, database, sql, result, created_ms, expires_ms) VALUES (?, ?, ?, ?, ?, ?) "
                    + "ON CONFLICT(key) DO UPDATE SET result = excluded.result, created_ms = excluded.created_ms, expires_ms = excluded.expires_ms")) {
                ps.setString(1, key);
                ps.setString(2, database);
                ps.setString(3, sql);
                ps.setString(4, json);
                ps.setLong(5, now);
                ps.setLong(6, expires);
                ps.executeUpdate();
            }
            try (var ps = c.prepareStatement("DELETE FROM data_result WHERE expires_ms <= ?")) {
                ps.setLong(1, now);
                ps.executeUpdate();
            }
            return null;
        });
    }

    private static String encode(QueryResult r) {
        try {
            return JSON.writeValueAsString(new Row(r.columns(), r.rows(), r.truncated(), r.elapsed().toNanos() / 1000));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static QueryResult decode(String json) {
        try {
            Row r = JSON.readValue(json, Row.class);
            return new QueryResult(r.columns(), r.rows(), r.truncated(), Duration.ofNanos(r.elapsedMicros() * 1000));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable cached result: " + e.getOriginalMessage(), e);
        }
    }
}
