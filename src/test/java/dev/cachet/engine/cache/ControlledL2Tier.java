package dev.cachet.engine.cache;

import dev.cachet.engine.store.DatabaseException;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The real SQLite tier with its writes made slower (a slow disk) or failing (a full disk) on demand.
 * Reads always go to the real tier.
 */
final class ControlledL2Tier implements L2Tier {
    final SqliteTier real;
    volatile boolean failing;
    /** Added to every batch written, as a slow disk would. */
    volatile Duration writeDelay = Duration.ZERO;
    final AtomicLong batchesWritten = new AtomicLong();

    ControlledL2Tier(SqliteTier real) { this.real = real; }

    private void beforeWrite() {
        if (failing) throw new DatabaseException("disk full (simulated)");
        if (!writeDelay.isZero()) {
            try {
                Thread.sleep(writeDelay);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new DatabaseException("interrupted", e);
            }
        }
    }

    @Override public Optional<CacheEntry> get(CacheKey key) { return real.get(key); }
    @Override public void put(CacheEntry e) { beforeWrite(); real.put(e); }
    @Override public void putAll(List<CacheEntry> es) {
        beforeWrite();
        real.putAll(es);
        batchesWritten.incrementAndGet();
    }
    @Override public void recordHits(Map<CacheKey, HitRecord> h) { beforeWrite(); real.recordHits(h); }
    @Override public void addCounters(Map<String, Long> d) { beforeWrite(); real.addCounters(d); }
    @Override public Map<String, Long> counters() { return real.counters(); }
    @Override public long purgeExpired(Instant now) { beforeWrite(); return real.purgeExpired(now); }
    @Override public HitRecord hitsOf(CacheKey key) { return real.hitsOf(key); }
    @Override public long invalidate(Namespace ns) { return real.invalidate(ns); }
    @Override public TierStats stats() { return real.stats(); }
}
