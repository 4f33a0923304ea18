package dev.cachet.engine.cache;

/** Size and lookups of one cache tier. */
public record TierStats(String tier, long entries, long bytes, long hits, long misses) {
    public double hitRate() { return hits + misses == 0 ? 0 : (double) hits / (hits + misses); }
}
