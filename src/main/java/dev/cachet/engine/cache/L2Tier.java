package dev.cachet.engine.cache;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The persistent tier behind L1. SQLite today; a shared Redis tier for teams would implement this
 * same interface (out of scope for now). The two-level cache batches writes into {@link #putAll}.
 */
public interface L2Tier extends CacheTier {

    /** Stores entries in one transaction. */
    void putAll(List<CacheEntry> entries);

    /** Adds hit counts and moves last-hit times forward, for entries that exist. */
    void recordHits(Map<CacheKey, HitRecord> hits);

    /** Adds to the lifetime lookup counters ("l1.hits", "l2.misses", ...). */
    void addCounters(Map<String, Long> deltas);

    /** Lifetime lookup counters. */
    Map<String, Long> counters();

    /** Deletes entries expired at {@code now}; returns how many. */
    long purgeExpired(Instant now);

    /** Hits recorded for one entry (0 if none or absent). */
    HitRecord hitsOf(CacheKey key);

    /** @param lastHit null when never hit */
    record HitRecord(long count, Instant lastHit) {
        HitRecord plus(HitRecord other) {
            Instant last = lastHit == null || (other.lastHit != null && other.lastHit.isAfter(lastHit)) ? other.lastHit : lastHit;
            return new HitRecord(count + other.count, last);
        }
    }
}
