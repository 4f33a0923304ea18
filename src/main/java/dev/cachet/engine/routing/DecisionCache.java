package dev.cachet.engine.routing;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.cachet.engine.store.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.InstantSource;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * The routing-decision cache: the LLM classifier's decisions, so the same unsure message never costs
 * a second classifier call. Caffeine in memory over a table in cachet.db (survives restarts), with its
 * own TTL ({@code cache.ttl.routing}). The key covers the normalised message, the routes' version, the
 * schema's fingerprint and the classifier model: editing routes, connecting another database or
 * changing the model never serves an old decision.
 */
public final class DecisionCache {

    /** A decision as cached. */
    public record Cached(String route, double confidence, String reason) { }

    private final Database db;
    private final InstantSource clock;
    private final Duration ttl;
    private final Cache<String, Stored> memory;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    private record Stored(Cached decision, long expiresMs) { }

    /** @param db null keeps decisions in memory only (evaluation runs) */
    public DecisionCache(Database db, InstantSource clock, Duration ttl) {
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
        this.memory = Caffeine.newBuilder().maximumSize(20_000).build();
        if (db != null) db.migrate(new RoutingSchema());
    }

    public static String key(String text, String routesVersion, String schemaFingerprint, String classifierModel) {
        String normal = normalize(text);
        try {
            var md = MessageDigest.getInstance("SHA-256");
            for (String part : new String[] {normal, routesVersion, schemaFingerprint, classifierModel}) {
                md.update(part.getBytes(StandardCharsets.UTF_8));
                md.update((byte) 0);
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Lower case, runs of white space as one, trailing punctuation and spaces gone: "Hello!!" = "hello". */
    static String normalize(String text) {
        String t = text.strip().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ");
        int end = t.length();
        while (end > 0 && ".!?¿¡,;: ".indexOf(t.charAt(end - 1)) >= 0) end--;
        return t.substring(0, end);
    }

    public Optional<Cached> get(String key) {
        long now = clock.millis();
        Stored s = memory.getIfPresent(key);
        if (s == null && db != null) {
            s = db.read(c -> {
                try (var ps = c.prepareStatement("SELECT route, confidence, reason, expires_ms FROM routing_decision WHERE key = ?")) {
                    ps.setString(1, key);
                    try (var rs = ps.executeQuery()) {
                        return rs.next() ? new Stored(new Cached(rs.getString(1), rs.getDouble(2), rs.getString(3)), rs.getLong(4)) : null;
                    }
                }
            });
            if (s != null) memory.put(key, s);
        }
        if (s == null || s.expiresMs() <= now) {
            if (s != null) memory.invalidate(key);
            misses.increment();
            return Optional.empty();
        }
        hits.increment();
        return Optional.of(s.decision());
    }

    public void put(String key, Cached decision) {
        long now = clock.millis();
        long expires = now + ttl.toMillis();
        memory.put(key, new Stored(decision, expires));
        if (db == null) return;
        db.write(c -> {
            try (var ps = c.prepareStatement("INSERT INTO routing_decision(key, route, confidence, reason, created_ms, expires_ms) "
                    + "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT(key) DO UPDATE SET route = excluded.route, confidence = excluded.confidence, "
                    + "reason = excluded.reason, created_ms = excluded.created_ms, expires_ms = excluded.expires_ms")) {
                ps.setString(1, key);
                ps.setString(2, decision.route());
                ps.setDouble(3, decision.confidence());
                ps.setString(4, decision.reason());
                ps.setLong(5, now);
                ps.setLong(6, expires);
                ps.executeUpdate();
            }
            try (var ps = c.prepareStatement("DELETE FROM routing_decision WHERE expires_ms <= ?")) {
                ps.setLong(1, now);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /** Entries in SQLite (expired ones included until the next write purges them). */
    public long size() {
        if (db == null) return memory.estimatedSize();
        return db.read(c -> {
            try (var st = c.createStatement(); var rs = st.executeQuery("SELECT count(*) FROM routing_decision")) {
                return rs.next() ? rs.getLong(1) : 0L;
            }
        });
    }

    public long hits() { return hits.sum(); }
    public long misses() { return misses.sum(); }
}
