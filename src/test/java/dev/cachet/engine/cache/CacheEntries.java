package dev.cachet.engine.cache;

import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/** Test entries. */
final class CacheEntries {
    private CacheEntries() { }

    static CacheKey key(String seed) {
        try {
            return new CacheKey(HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8))));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static CacheEntry entry(String seed, String text, String model, String template, Instant now, Duration ttl) {
        String[] pm = model.split("/", 2);
        return new CacheEntry(key(seed), new CachedAnswer(text, new ModelRef(pm[0], pm[1]), new Usage(12, 34), FinishReason.STOP, now),
                model, template, now.plus(ttl));
    }

    static CacheEntry entry(String seed, Instant now) {
        return entry(seed, "answer to " + seed, "simulator/sim-small", null, now, Duration.ofHours(1));
    }
}
