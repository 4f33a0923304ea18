package dev.cachet.engine.config;

import java.time.Duration;
import java.util.Map;

/**
 * Response-cache settings.
 *
 * @param l1MaxBytes         weight bound of the in-memory tier
 * @param ttl                time to live per category: "chat" (model answers), "routing" (the LLM classifier's
 *                           routing decisions), "data" (the data route's query results)
 * @param compressAboveBytes values larger than this are stored compressed in SQLite
 * @param writeBehindBatch   rows per SQLite transaction when flushing new entries
 * @param writeBehindDelay   longest a new entry waits before it is flushed
 * @param l2                 a shared team cache beside the local SQLite tier: {@code redis://[user@]host:port/db}
 *                           ({@code rediss://} for TLS); null = local only
 * @param l2PasswordEnv      name of the environment variable holding the Redis password (never the password)
 */
public record CacheSettings(long l1MaxBytes, Map<String, Duration> ttl, int compressAboveBytes,
                            int writeBehindBatch, Duration writeBehindDelay, String l2, String l2PasswordEnv) {

    public static final CacheSettings DEFAULTS = new CacheSettings(64L << 20,
            Map.of("chat", Duration.ofDays(7), "routing", Duration.ofDays(1), "data", Duration.ofMinutes(10)), 2048, 500,
            Duration.ofMillis(200));

    /** Local only: no shared tier. */
    public CacheSettings(long l1MaxBytes, Map<String, Duration> ttl, int compressAboveBytes, int writeBehindBatch,
                         Duration writeBehindDelay) {
        this(l1MaxBytes, ttl, compressAboveBytes, writeBehindBatch, writeBehindDelay, null, null);
    }

    public CacheSettings {
        if (l1MaxBytes < 1024) throw new InvalidFieldException("l1MaxBytes", "must be at least 1024, was " + l1MaxBytes);
        ttl = ttl == null ? Map.of() : Map.copyOf(ttl);
        ttl.forEach((category, d) -> {
            if (d == null || d.isZero() || d.isNegative()) {
                throw new InvalidFieldException("ttl." + category, "must be a positive duration" + (d == null ? "" : ", was " + DurationText.format(d)));
            }
        });
        if (compressAboveBytes < 0) throw new InvalidFieldException("compressAboveBytes", "must not be negative, was " + compressAboveBytes);
        if (writeBehindBatch < 1) throw new InvalidFieldException("writeBehindBatch", "must be at least 1, was " + writeBehindBatch);
        if (writeBehindDelay == null || writeBehindDelay.isNegative()) {
            throw new InvalidFieldException("writeBehindDelay", "must be a duration of 0 or more" + (writeBehindDelay == null ? "" : ", was " + DurationText.format(writeBehindDelay)));
        }
        l2 = l2 == null || l2.isBlank() ? null : l2.strip();
        if (l2 != null) RedisAddress.parse(l2); // fails with what is wrong in the address
        l2PasswordEnv = l2PasswordEnv == null || l2PasswordEnv.isBlank() ? null : l2PasswordEnv.strip();
    }

    public CacheSettings withL2(String address, String passwordEnv) {
        return new CacheSettings(l1MaxBytes, ttl, compressAboveBytes, writeBehindBatch, writeBehindDelay, address, passwordEnv);
    }

    public Duration ttlFor(String category) {
        return ttl.getOrDefault(category, ttl.getOrDefault("chat", Duration.ofDays(7)));
    }
}
