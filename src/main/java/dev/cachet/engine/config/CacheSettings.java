package dev.cachet.engine.config;

import java.time.Duration;
import java.util.Map;

/**
 * Response-cache settings.
 *
 * @param l1MaxBytes         weight bound of the in-memory tier
 * @param ttl                time to live per category ("chat" for model answers; more categories later)
 * @param compressAboveBytes values larger than this are stored compressed in SQLite
 * @param writeBehindBatch   rows per SQLite transaction when flushing new entries
 * @param writeBehindDelay   longest a new entry waits before it is flushed
 */
public record CacheSettings(long l1MaxBytes, Map<String, Duration> ttl, int compressAboveBytes,
                            int writeBehindBatch, Duration writeBehindDelay) {

    public static final CacheSettings DEFAULTS = new CacheSettings(64L << 20,
            Map.of("chat", Duration.ofDays(7)), 2048, 500, Duration.ofMillis(200));

    public CacheSettings {
        if (l1MaxBytes < 1024) throw new InvalidFieldException("l1MaxBytes", "must be at least 1024, was " + l1MaxBytes);
        ttl = ttl == null ? Map.of() : Map.copyOf(ttl);
        if (writeBehindBatch < 1) throw new InvalidFieldException("writeBehindBatch", "must be at least 1, was " + writeBehindBatch);
    }

    public Duration ttlFor(String category) {
        return ttl.getOrDefault(category, ttl.getOrDefault("chat", Duration.ofDays(7)));
    }
}
