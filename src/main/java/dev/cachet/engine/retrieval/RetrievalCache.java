package dev.cachet.engine.retrieval;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.cachet.engine.store.Database;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.text.Normalizer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * (normalized query, embedder, collection id + version, top_k) -> the chunk ids found, with their
 * scores. L1 in memory (Caffeine, TTL), L2 in cachet.db (TTL), so a repeated question skips the
 * embedding and the index search, across restarts too. The collection version is part of the key,
 * and a version bump also removes the collection's entries from both tiers.
 */
public final class RetrievalCache {

    /** A chunk id found for a query, with its cosine score. */
    public record Found(long chunkId, double score) { }

    /** The key and what it was made of (the trace shows the normalized query). */
    public record Key(String hash, long collectionId, long version, int topK, String normalizedQuery) { }

    /** Which tier answered, or none. */
    public enum Tier { L1, L2, MISS }

    /** A lookup: the tier and, on a hit, what was found. */
    public record Lookup(Tier tier, List<Found> found) {
        public boolean hit() { return tier != Tier.MISS; }
    }

    private record Entry(long collectionId, List<Found> found) { }

    private final Database db;
    private final InstantSource clock;
    private final Duration ttl;
    private final Cache<String, Entry> l1;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public RetrievalCache(Database db, InstantSource clock, Duration ttl, long maxEntries) {
        this.db = db;
        this.clock = clock;
        this.ttl = ttl;
        Ticker ticker = () -> {
            var now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
        this.l1 = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).ticker(ticker).build();
    }

    /** Lower case, NFKC, whitespace collapsed, trailing punctuation dropped: "What is X ?" and "what is x" share a key. */
    public static String normalize(String query) {
        String s = Normalizer.normalize(query, Normalizer.Form.NFKC).toLowerCase(Locale.ROOT).strip().replaceAll("\\s+", " ");
        return s.replaceAll("[\\s?!.;:,]+$", "");
    }

    public static Key key(String query, String embedder, long collectionId, long version, int topK) {
        String norm = normalize(query);
        String canonical = "rag-v1\u0000" + embedder + '\u0000' + collectionId + '\u0000' + version + '\u0000' + topK + '\u0000' + norm;
        try {
            var digest = MessageDigest.getInstance("SHA-256").digest(canonical.getBytes(StandardCharsets.UTF_8));
            return new Key(HexFormat.of().formatHex(digest), collectionId, version, topK, norm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    public Lookup get(Key key) {
        Entry e = l1.getIfPresent(key.hash());
        if (e != null) {
            hits.increment();
            return new Lookup(Tier.L1, e.found());
        }
        Optional<List<Found>> stored = db.read(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT hits FROM rag_cache WHERE key = ? AND expires_ms > ?")) {
                ps.setString(1, key.hash());
                ps.setLong(2, clock.millis());
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(decode(rs.getString(1))) : Optional.<List<Found>>empty();
                }
            }
        });
        if (stored.isPresent()) {
            l1.put(key.hash(), new Entry(key.collectionId(), stored.get()));
            hits.increment();
            return new Lookup(Tier.L2, stored.get());
        }
        misses.increment();
        return new Lookup(Tier.MISS, List.of());
    }

    public void put(Key key, List<Found> found) {
        l1.put(key.hash(), new Entry(key.collectionId(), List.copyOf(found)));
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("INSERT OR REPLACE INTO rag_cache (key, collection_id, version, hits, expires_ms)"
                    + " VALUES (?,?,?,?,?)")) {
                ps.setString(1, key.hash());
                ps.setLong(2, key.collectionId());
                ps.setLong(3, key.version());
                ps.setString(4, encode(found));
                ps.setLong(5, clock.millis() + ttl.toMillis());
                return ps.executeUpdate();
            }
        });
    }

    /** Drops every entry of a collection from both tiers (its version moved on). Returns L1 entries dropped. */
    public int invalidate(long collectionId) {
        int[] n = new int[1];
        l1.asMap().entrySet().removeIf(e -> {
            boolean drop = e.getValue().collectionId() == collectionId;
            if (drop) n[0]++;
            return drop;
        });
        db.write(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM rag_cache WHERE collection_id = ?")) {
                ps.setLong(1, collectionId);
                return ps.executeUpdate();
            }
        });
        return n[0];
    }

    public long hits() { return hits.sum(); }
    public long misses() { return misses.sum(); }
    public long sizeInMemory() { return l1.estimatedSize(); }

    private static String encode(List<Found> found) {
        var sb = new StringBuilder();
        for (Found f : found) {
            if (!sb.isEmpty()) sb.append(',');
            sb.append(f.chunkId()).append(':').append(f.score());
        }
        return sb.toString();
    }

    private static List<Found> decode(String text) {
        var out = new ArrayList<Found>();
        if (text.isEmpty()) return out;
        for (String part : text.split(",")) {
            int colon = part.indexOf(':');
            out.add(new Found(Long.parseLong(part.substring(0, colon)), Double.parseDouble(part.substring(colon + 1))));
        }
        return out;
    }
}
