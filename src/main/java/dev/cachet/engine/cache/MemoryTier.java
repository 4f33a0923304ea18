package dev.cachet.engine.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.time.InstantSource;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * L1: Caffeine, bounded by approximate bytes, each entry living until its own {@code expiresAt}.
 * Caffeine reads time from a {@link Ticker} derived from the same {@link InstantSource} the entries'
 * expiry instants come from, so a test's fake clock drives both.
 */
public final class MemoryTier implements CacheTier {

    private final Cache<CacheKey, CacheEntry> cache;
    private final InstantSource clock;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public MemoryTier(long maxBytes, InstantSource clock) {
        this.clock = clock;
        this.cache = Caffeine.newBuilder()
                .maximumWeight(maxBytes)
                .weigher((CacheKey k, CacheEntry e) -> e.weightBytes())
                .expireAfter(new UntilExpiresAt(clock))
                .ticker(ticker(clock))
                .executor(Runnable::run)
                .build();
    }

    /** Nanoseconds since the epoch, from the clock: Caffeine only needs differences. */
    static Ticker ticker(InstantSource clock) {
        return () -> {
            var now = clock.instant();
            return now.getEpochSecond() * 1_000_000_000L + now.getNano();
        };
    }

    @Override
    public Optional<CacheEntry> get(CacheKey key) {
        CacheEntry e = cache.getIfPresent(key);
        if (e != null && e.expired(clock.instant())) {
            cache.invalidate(key);
            e = null;
        }
        (e == null ? misses : hits).increment();
        return Optional.ofNullable(e);
    }

    @Override public void put(CacheEntry entry) {
        if (!entry.expired(clock.instant())) cache.put(entry.key(), entry);
    }

    @Override
    public long invalidate(Namespace ns) {
        long removed = 0;
        for (var it = cache.asMap().values().iterator(); it.hasNext(); ) {
            if (it.next().in(ns)) {
                it.remove();
                removed++;
            }
        }
        return removed;
    }

    @Override
    public TierStats stats() {
        cache.cleanUp();
        long bytes = cache.policy().eviction().map(e -> e.weightedSize().orElse(0)).orElse(0L);
        return new TierStats("l1", cache.estimatedSize(), bytes, hits.sum(), misses.sum());
    }

    private record UntilExpiresAt(InstantSource clock) implements Expiry<CacheKey, CacheEntry> {
        private long left(CacheEntry e) {
            return Math.max(0, Duration.between(clock.instant(), e.expiresAt()).toNanos());
        }
        @Override public long expireAfterCreate(CacheKey k, CacheEntry e, long now) { return left(e); }
        @Override public long expireAfterUpdate(CacheKey k, CacheEntry e, long now, long current) { return left(e); }
        @Override public long expireAfterRead(CacheKey k, CacheEntry e, long now, long current) { return current; }
    }
}
