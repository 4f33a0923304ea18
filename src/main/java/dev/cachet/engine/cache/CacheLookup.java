package dev.cachet.engine.cache;

/** The outcome of an exact-cache lookup. */
public sealed interface CacheLookup {

    /** @param tier "l1" (memory) or "l2" (SQLite) */
    record Hit(CacheEntry entry, String tier) implements CacheLookup { }

    record Miss() implements CacheLookup { }
}
