package dev.cachet.engine.chat;

/** How a request may use the response caches. */
public enum CacheMode {
    /** Look up and store. */
    USE,
    /** Skip lookups (e.g. Regenerate) but store the fresh answer. */
    REFRESH,
    /** Neither look up nor store. */
    BYPASS
}
