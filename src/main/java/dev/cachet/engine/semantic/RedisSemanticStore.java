package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.team.TeamRedis;
import redis.clients.jedis.StreamEntryID;
import redis.clients.jedis.params.XAddParams;
import redis.clients.jedis.params.XReadParams;
import redis.clients.jedis.resps.StreamEntry;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Semantic entries in the shared team Redis: a hash per entry ({@code s:e:ID}: namespace, query, vector
 * as little-endian float32, answer, model, times), expiring with the entry; a set of ids per namespace
 * ({@code s:n:NS}); and a stream ({@code s:log}) on which every insert and namespace deletion is
 * announced, so other workbenches index new entries within seconds ({@link #follow}). Embedding
 * vectors are kept for 30 days under {@code s:v:MODEL:HASH}.
 */
public final class RedisSemanticStore implements SemanticStore {

    private static final Duration EMBEDDING_TTL = Duration.ofDays(30);
    private static final long LOG_LENGTH = 100_000;

    /** Something another workbench did, as read from the log. */
    public sealed interface Change {
        record Added(SemanticEntry entry, String origin) implements Change { }
        record NamespaceDeleted(String namespace, String origin) implements Change { }
    }

    private final TeamRedis redis;
    private final InstantSource clock;
    private final String p;

    public RedisSemanticStore(TeamRedis redis, InstantSource clock) {
        this.redis = redis;
        this.clock = clock;
        this.p = redis.prefix() + "s:";
    }

    private static byte[] b(String s) { return s.getBytes(StandardCharsets.UTF_8); }
    private static String s(byte[] b) { return b == null ? null : new String(b, StandardCharsets.UTF_8); }

    @Override public List<SemanticEntry> loadEntries() {
        var out = new ArrayList<SemanticEntry>();
        for (List<String> page : redis.scan(p + "e:*")) {
            try (var pipe = redis.client().pipelined()) {
                var rows = page.stream().map(k -> pipe.hgetAll(b(k))).toList();
                pipe.sync();
                for (int i = 0; i < rows.size(); i++) {
                    SemanticEntry e = decode(idOf(page.get(i)), rows.get(i).get());
                    if (e != null) out.add(e);
                }
            }
        }
        return out;
    }

    private long idOf(String key) { return Long.parseLong(key.substring(key.lastIndexOf(':') + 1)); }

    @Override public long insert(SemanticEntry e) { return insert(e, ""); }

    /** Stores an entry, announces it on the log with {@code origin} (the workbench that stored it); returns its id. */
    public long insert(SemanticEntry e, String origin) {
        long id = redis.client().incr(p + "id");
        long ttl = Math.max(1, e.expiresAt().toEpochMilli() - clock.millis());
        byte[] key = b(p + "e:" + id);
        var fields = new HashMap<byte[], byte[]>();
        fields.put(b("ns"), b(e.namespace()));
        fields.put(b("q"), b(e.query()));
        fields.put(b("v"), SqliteSemanticStore.toBlob(e.vector()));
        fields.put(b("a"), b(e.answer()));
        fields.put(b("p"), b(e.model().provider()));
        fields.put(b("m"), b(e.model().model()));
        fields.put(b("c"), b(Long.toString(e.createdAt().toEpochMilli())));
        fields.put(b("x"), b(Long.toString(e.expiresAt().toEpochMilli())));
        try (var pipe = redis.client().pipelined()) {
            pipe.hset(key, fields);
            pipe.pexpire(key, ttl);
            pipe.sadd(p + "n:" + e.namespace(), Long.toString(id));
            pipe.xadd(p + "log", XAddParams.xAddParams().maxLen(LOG_LENGTH).approximateTrimming(),
                    Map.of("op", "add", "id", Long.toString(id), "origin", origin));
            pipe.sync();
        }
        return id;
    }

    private static SemanticEntry decode(long id, Map<byte[], byte[]> raw) {
        if (raw == null || raw.isEmpty()) return null;
        var f = new HashMap<String, byte[]>();
        raw.forEach((k, v) -> f.put(s(k), v));
        if (f.get("ns") == null || f.get("v") == null) return null;
        return new SemanticEntry(id, s(f.get("ns")), s(f.get("q")), SqliteSemanticStore.fromBlob(f.get("v")), s(f.get("a")),
                new ModelRef(s(f.get("p")), s(f.get("m"))), Instant.ofEpochMilli(Long.parseLong(s(f.get("c")))),
                Instant.ofEpochMilli(Long.parseLong(s(f.get("x")))));
    }

    private SemanticEntry read(long id) {
        return decode(id, redis.client().hgetAll(b(p + "e:" + id)));
    }

    @Override public void delete(long id) {
        String ns = redis.client().hget(p + "e:" + id, "ns");
        redis.client().del(p + "e:" + id);
        if (ns != null) redis.client().srem(p + "n:" + ns, Long.toString(id));
    }

    /** Deletes entries by their shared ids in one round trip (the local cap evicted them). */
    public void deleteIds(List<Long> ids) {
        try (var pipe = redis.client().pipelined()) {
            var namespaces = ids.stream().map(id -> pipe.hget(p + "e:" + id, "ns")).toList();
            pipe.sync();
            for (int i = 0; i < ids.size(); i++) {
                pipe.del(p + "e:" + ids.get(i));
                String ns = namespaces.get(i).get();
                if (ns != null) pipe.srem(p + "n:" + ns, Long.toString(ids.get(i)));
            }
            pipe.sync();
        }
    }

    @Override public int deleteNamespace(String namespace) { return deleteNamespace(namespace, ""); }

    public int deleteNamespace(String namespace, String origin) {
        String set = p + "n:" + namespace;
        int removed = 0;
        for (List<String> page : redis.members(set)) {
            removed += (int) redis.client().del(page.stream().map(id -> p + "e:" + id).toArray(String[]::new));
        }
        redis.client().del(set);
        redis.client().xadd(p + "log", XAddParams.xAddParams().maxLen(LOG_LENGTH).approximateTrimming(),
                Map.of("op", "forget", "ns", namespace, "origin", origin));
        return removed;
    }

    @Override public Map<String, float[]> embeddings(String model, List<String> textHashes) {
        var out = new HashMap<String, float[]>();
        if (textHashes.isEmpty()) return out;
        List<byte[]> found = redis.client().mget(textHashes.stream().map(h -> b(p + "v:" + model + ":" + h)).toArray(byte[][]::new));
        for (int i = 0; i < textHashes.size(); i++) {
            if (found.get(i) != null) out.put(textHashes.get(i), SqliteSemanticStore.fromBlob(found.get(i)));
        }
        return out;
    }

    @Override public void putEmbeddings(String model, Map<String, float[]> vectors) {
        if (vectors.isEmpty()) return;
        try (var pipe = redis.client().pipelined()) {
            vectors.forEach((h, v) -> pipe.psetex(b(p + "v:" + model + ":" + h), EMBEDDING_TTL.toMillis(), SqliteSemanticStore.toBlob(v)));
            pipe.sync();
        }
    }

    /** The newest log position: following from here sees everything announced after this call. */
    public StreamEntryID logPosition() {
        List<StreamEntry> last = redis.client().xrevrange(p + "log", "+", "-", 1);
        return last.isEmpty() ? new StreamEntryID(0, 0) : last.getFirst().getID();
    }

    /**
     * Reads what was announced after {@code from}, waiting up to {@code wait} for something; returns the
     * changes (entries already expired or deleted are skipped) and the position to continue from.
     */
    public Followed follow(StreamEntryID from, Duration wait) {
        var read = redis.client().xread(XReadParams.xReadParams().block((int) wait.toMillis()).count(500), Map.of(p + "log", from));
        var changes = new ArrayList<Change>();
        StreamEntryID next = from;
        if (read != null) {
            for (var stream : read) {
                for (StreamEntry se : stream.getValue()) {
                    next = se.getID();
                    Map<String, String> f = se.getFields();
                    String origin = f.getOrDefault("origin", "");
                    switch (f.getOrDefault("op", "")) {
                        case "add" -> {
                            SemanticEntry e = read(Long.parseLong(f.get("id")));
                            if (e != null) changes.add(new Change.Added(e, origin));
                        }
                        case "forget" -> changes.add(new Change.NamespaceDeleted(f.get("ns"), origin));
                        default -> { } // written by a newer Cachet: not ours to interpret
                    }
                }
            }
        }
        return new Followed(changes, next);
    }

    public record Followed(List<Change> changes, StreamEntryID next) { }

    @Override public void close() { }

    @Override public String toString() { return "Redis " + redis.address(); }
}
