package dev.cachet.engine.cache;

import java.util.HexFormat;

/** The exact-cache key: SHA-256 (lower-case hex) of {@link CacheKeyFields#canonicalBytes()}. */
public record CacheKey(String hex) {

    public CacheKey {
        if (hex == null || hex.length() != 64 || !HexFormat.isHexDigit(hex.charAt(0))) {
            throw new IllegalArgumentException("a cache key is 64 hex digits, was " + hex);
        }
    }

    /** The first 12 digits: what traces and the key inspector show. */
    public String prefix() { return hex.substring(0, 12); }

    @Override public String toString() { return hex; }
}
