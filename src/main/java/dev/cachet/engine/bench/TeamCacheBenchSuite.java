package dev.cachet.engine.bench;

import dev.cachet.engine.Engine;
import dev.cachet.engine.EngineOptions;
import dev.cachet.engine.cache.CacheEntry;
import dev.cachet.engine.cache.CacheKey;
import dev.cachet.engine.cache.CachedAnswer;
import dev.cachet.engine.cache.RedisTier;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.config.CacheSettings;
import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.RedisAddress;
import dev.cachet.engine.metrics.Outcome;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.team.TeamRedis;
import dev.cachet.engine.workload.WorkloadParser;
import dev.cachet.engine.workload.WorkloadResult;
import dev.cachet.engine.workload.WorkloadRunner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The team cache on a real Redis ({@code CACHET_BENCH_REDIS}, else {@code CACHET_TEST_REDIS}, e.g.
 * redis://127.0.0.1:6379/0): a hit in the Redis tier, and two workbenches sharing it, the second
 * replaying the first's workload. Every key goes under a fresh prefix (or database) and is removed after.
 */
public final class TeamCacheBenchSuite implements BenchSuite {

    @Override public String name() { return "redis"; }

    @Override
    public Map<String, Object> run(BenchContext ctx) throws Exception {
        String url = System.getenv("CACHET_BENCH_REDIS") != null ? System.getenv("CACHET_BENCH_REDIS") : System.getenv("CACHET_TEST_REDIS");
        var figures = new LinkedHashMap<String, Object>();
        if (url == null) {
            figures.put("unavailable", "set CACHET_BENCH_REDIS=redis://HOST:PORT/DB (a Redis whose keys under 'cachet-bench-*:' and 'cachet:' may be written)");
            ctx.progress("no Redis: set CACHET_BENCH_REDIS=redis://127.0.0.1:6379/0");
            return figures;
        }
        figures.put("redisHit", redisHit(ctx, url));
        figures.put("twoWorkbenches", twoWorkbenches(ctx, url));
        return figures;
    }

    private Map<String, Object> redisHit(BenchContext ctx, String url) {
        try (var redis = TeamRedis.open(RedisAddress.parse(url), null, Environment.of(Map.of()), "cachet-bench-" + UUID.randomUUID() + ":")) {
            var tier = new RedisTier(redis, InstantSource.system(), 2048);
            int n = ctx.scale(2_000, 200);
            var keys = new ArrayList<CacheKey>(n);
            var batch = new ArrayList<CacheEntry>();
            Instant now = Instant.now();
            for (int i = 0; i < n; i++) {
                CacheKey key = key("bench " + i);
                keys.add(key);
                String text = "a cached answer of typical length, number " + i + ". ".repeat(40);
                batch.add(new CacheEntry(key, new CachedAnswer(text, new ModelRef("simulator", "sim-small"), new Usage(20, 120),
                        FinishReason.STOP, now), "simulator/sim-small", null, now.plus(Duration.ofHours(1))));
            }
            long w0 = System.nanoTime();
            for (int i = 0; i < batch.size(); i += 500) tier.putAll(batch.subList(i, Math.min(batch.size(), i + 500)));
            double writeSeconds = (System.nanoTime() - w0) / 1e9;
            int samples = ctx.scale(50_000, 5_000);
            for (int i = 0; i < samples / 5; i++) tier.get(keys.get(i % n)); // warm-up
            var p = new Percentiles();
            for (int i = 0; i < samples; i++) {
                long t0 = System.nanoTime();
                if (tier.get(keys.get(i % n)).isEmpty()) throw new IllegalStateException("expected a Redis hit");
                p.record(System.nanoTime() - t0);
            }
            redis.deleteAll();
            var m = new LinkedHashMap<String, Object>(p.figures());
            m.put("writesPerSecond", Math.round(n / writeSeconds));
            ctx.progress("Redis tier hit (loopback, one caller): p50 %.1f us, p99 %.1f us over %,d lookups; pipelined writes %,.0f entries/s",
                    p.p50Us(), p.p99Us(), samples, n / writeSeconds);
            return m;
        }
    }

    /** Workbench A replays builtin:demo; B (its own data dir, same Redis) replays it next: B's hits are A's answers. */
    private Map<String, Object> twoWorkbenches(BenchContext ctx, String url) throws Exception {
        var items = new WorkloadParser().read(WorkloadParser.BUILTIN_PREFIX + "demo").items();
        var simulator = SimulatorSettings.DEFAULTS.withLatency(Duration.ofMillis(20), 0);
        WorkloadResult first;
        WorkloadResult second;
        try (var cleanup = TeamRedis.open(RedisAddress.parse(url), null, Environment.of(Map.of()), TeamRedis.DEFAULT_PREFIX)) {
            cleanup.deleteAll();
            String firstTeam;
            try (Engine a = open(ctx, "team-a", url, simulator)) {
                first = new WorkloadRunner(a.pipeline(), 32).run(items, r -> r, pr -> { }, Duration.ofSeconds(1), f -> { });
                firstTeam = a.teamCache().map(t -> t.describe() + ", " + t.queuedWrites() + " queued").orElse("none");
            } // closing flushes A's writes to Redis
            ctx.progress("first workbench: %s", firstTeam);
            try (Engine b = open(ctx, "team-b", url, simulator)) {
                second = new WorkloadRunner(b.pipeline(), 32).run(items, r -> r, pr -> { }, Duration.ofSeconds(1), f -> { });
            }
            cleanup.deleteAll();
        }
        var m = new LinkedHashMap<String, Object>();
        m.put("requests", first.requests());
        m.put("firstHitRate", round(first.cacheHits() / (double) first.requests()));
        m.put("firstModelCalls", first.count(Outcome.MODEL_CALL));
        m.put("secondHitRate", round(second.cacheHits() / (double) second.requests()));
        m.put("secondModelCalls", second.count(Outcome.MODEL_CALL));
        m.put("secondP50Ms", second.p50Ms());
        ctx.progress("two workbenches, one Redis, builtin:demo (%d requests): first hit rate %.1f%% (%d model calls), "
                        + "second hit rate %.1f%% (%d model calls)", first.requests(), 100 * first.cacheHits() / (double) first.requests(),
                first.count(Outcome.MODEL_CALL), 100 * second.cacheHits() / (double) second.requests(), second.count(Outcome.MODEL_CALL));
        return m;
    }

    private static Engine open(BenchContext ctx, String name, String url, SimulatorSettings simulator) {
        var config = ctx.config().withSimulator(simulator).withDefaultProvider(SimulatorProvider.ID)
                .withCache(ctx.config().cache().withL2(url, null));
        return Engine.open(new EngineOptions(ctx.dataDir().resolve(name), config, false, InstantSource.system()));
    }

    private static CacheKey key(String seed) {
        try {
            return new CacheKey(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8))));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static double round(double v) { return Math.round(v * 10_000) / 10_000.0; }
}
