package dev.cachet.engine.cache;

import java.util.Optional;

/** A store of exact-cache entries. Every implementation passes {@code CacheTierContract}. */
public interface CacheTier {

    /** The live entry for {@code key}; expired entries are never returned. */
    Optional<CacheEntry> get(CacheKey key);

    /** Stores (or replaces) an entry. */
    void put(CacheEntry entry);

    /** Removes every entry in {@code ns}; returns how many were removed. */
    long invalidate(Namespace ns);

    TierStats stats();
}
