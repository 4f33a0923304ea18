package dev.cachet.engine.cache;

import dev.cachet.engine.team.TeamRedis;
import redis.clients.jedis.args.ExpiryOption;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * Exact-cache entries in a shared Redis, so that a team's workbenches answer from one cache.
 *
 * <p>Each entry is a hash {@code PREFIX x:e:KEY} with the encoded entry ({@link EntryCodec}: same fields
 * and compression as a SQLite row) and its model and template namespaces, expiring with the entry
 * (Redis {@code PEXPIRE}). Namespace invalidation uses one set of keys per model and per template
 * ({@code x:m:MODEL}, {@code x:t:ID}), walked with {@code SSCAN}; a key is deleted only if the entry
 * still belongs to that namespace (it may have been replaced since). "All" walks the prefix with
 * {@code SCAN}, never {@code KEYS}. Hit counts and lookup counters stay with the local tier.
 */
public final class RedisTier implements L2Tier {

    private static final String DELETE_IF_IN_NAMESPACE = """
            local n = 0
            for _, k in ipairs(KEYS) do
              if redis.call('HGET', k, ARGV[1]) == ARGV[2] then n = n + redis.call('DEL', k) end
            end
            return n
            """;

    private final TeamRedis redis;
    private final InstantSource clock;
    private final EntryCodec codec;
    private final String entryPrefix;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public RedisTier(TeamRedis redis, InstantSource clock, int compressAboveBytes) {
        this.redis = redis;
        this.clock = clock;
        this.codec = new EntryCodec(compressAboveBytes);
        this.entryPrefix = redis.prefix() + "x:e:";
    }

    private byte[] entryKey(CacheKey key) { return bytes(entryPrefix + key.hex()); }
    private String modelSet(String ns) { return redis.prefix() + "x:m:" + ns; }
    private String templateSet(String id) { return redis.prefix() + "x:t:" + id; }

    private static byte[] bytes(String s) { return s.getBytes(StandardCharsets.UTF_8); }
    private static final byte[] VALUE = bytes("v");
    private static final byte[] MODEL = bytes("m");
    private static final byte[] TEMPLATE = bytes("t");

    @Override
    public Optional<CacheEntry> get(CacheKey key) {
        byte[] stored = redis.client().hget(entryKey(key), VALUE);
        Optional<CacheEntry> found = Optional.empty();
        if (stored != null) {
            CacheEntry e;
            try {
                e = codec.decode(stored);
            } catch (IllegalStateException unreadable) {
                e = null; // another version's format, or damaged: a miss costs a model call, never a wrong answer
            }
            if (e != null && e.key().equals(key) && !e.expired(clock.instant())) found = Optional.of(e);
        }
        (found.isPresent() ? hits : misses).increment();
        return found;
    }

    @Override public void put(CacheEntry entry) { putAll(List.of(entry)); }

    /** One pipelined round trip for the whole batch. */
    @Override
    public void putAll(List<CacheEntry> entries) {
        if (entries.isEmpty()) return;
        long now = clock.millis();
        try (var p = redis.client().pipelined()) {
            for (CacheEntry e : entries) {
                long ttl = e.expiresAt().toEpochMilli() - now;
                if (ttl <= 0) continue;
                byte[] k = entryKey(e.key());
                var fields = new HashMap<byte[], byte[]>();
                fields.put(VALUE, codec.encode(e));
                fields.put(MODEL, bytes(e.modelNamespace()));
                if (e.templateNamespace() != null) fields.put(TEMPLATE, bytes(e.templateNamespace()));
                p.del(k); // a replaced entry keeps no field of the old one
                p.hset(k, fields);
                p.pexpire(k, ttl);
                String hex = e.key().hex();
                index(p, modelSet(e.modelNamespace()), hex, ttl);
                if (e.templateNamespace() != null) index(p, templateSet(e.templateNamespace()), hex, ttl);
            }
            p.sync();
        }
    }

    /** Adds the key to a namespace set that lives as long as its longest-lived member. */
    private static void index(redis.clients.jedis.AbstractPipeline p, String set, String hex, long ttl) {
        p.sadd(set, hex);
        p.pexpire(set, ttl, ExpiryOption.NX);
        p.pexpire(set, ttl, ExpiryOption.GT);
    }

    @Override
    public long invalidate(Namespace ns) {
        return switch (ns) {
            case Namespace.All all -> deleteAll();
            case Namespace.Model m -> deleteSet(modelSet(m.providerModel()), "m", m.providerModel());
            case Namespace.Template t -> deleteSet(templateSet(t.id()), "t", t.id());
        };
    }

    private long deleteSet(String set, String field, String value) {
        long removed = 0;
        for (List<String> page : redis.members(set)) {
            List<String> keys = page.stream().map(hex -> entryPrefix + hex).toList();
            removed += (Long) redis.client().eval(DELETE_IF_IN_NAMESPACE, keys, List.of(field, value));
        }
        redis.client().del(set);
        return removed;
    }

    private long deleteAll() {
        long removed = 0;
        for (String pattern : List.of(entryPrefix + "*", redis.prefix() + "x:m:*", redis.prefix() + "x:t:*")) {
            boolean entries = pattern.startsWith(entryPrefix);
            for (List<String> page : redis.scan(pattern)) {
                long n = redis.client().del(page.toArray(String[]::new));
                if (entries) removed += n;
            }
        }
        return removed;
    }

    /** Hit counts are kept by the local tier (see {@link TeamTier}). */
    @Override public void recordHits(Map<CacheKey, HitRecord> hits) { }
    @Override public void addCounters(Map<String, Long> deltas) { }
    @Override public Map<String, Long> counters() { return Map.of(); }
    @Override public HitRecord hitsOf(CacheKey key) { return new HitRecord(0, null); }

    /** Redis expires entries itself; sets of expired keys go when their longest member does. */
    @Override public long purgeExpired(Instant now) { return 0; }

    /** Walks the shared entries (SCAN): for {@code cachet stats}, not for a once-a-second refresh. */
    @Override
    public TierStats stats() {
        long entries = 0;
        long bytes = 0;
        for (List<String> page : redis.scan(entryPrefix + "*")) {
            try (var p = redis.client().pipelined()) {
                var lengths = page.stream().map(k -> p.hstrlen(k, "v")).toList();
                p.sync();
                for (var len : lengths) {
                    if (len.get() > 0) {
                        entries++;
                        bytes += len.get();
                    }
                }
            }
        }
        return new TierStats("team", entries, bytes, hits.sum(), misses.sum());
    }

    @Override public String toString() { return "Redis " + redis.address(); }
}
