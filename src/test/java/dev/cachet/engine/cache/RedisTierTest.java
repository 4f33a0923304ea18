package dev.cachet.engine.cache;

import dev.cachet.engine.team.TeamRedis;
import dev.cachet.engine.team.TestRedis;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;

import static dev.cachet.engine.cache.CacheEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;

/** The shared Redis tier against a real redis-server (see {@link TestRedis}). */
class RedisTierTest extends CacheTierContract {

    private TeamRedis redis;

    @Override protected CacheTier create(Path dir, FakeClock clock) {
        redis = TestRedis.open();
        return new RedisTier(redis, clock, 1024);
    }

    @Override protected void closeTier() {
        if (redis == null) return;
        TestRedis.clear(redis);
        redis.close();
    }

    @Test void entries_expireInRedisWithTheirTtl() {
        var e = entry("ttl", "a", "simulator/sim-small", "faq", clock.instant(), Duration.ofMinutes(5));
        tier.put(e);
        long pttl = redis.client().pttl(redis.prefix() + "x:e:" + e.key().hex());
        assertThat(pttl).isBetween(Duration.ofMinutes(4).toMillis(), Duration.ofMinutes(5).toMillis());
        assertThat(redis.client().pttl(redis.prefix() + "x:m:simulator/sim-small")).isPositive();
        assertThat(redis.client().pttl(redis.prefix() + "x:t:faq")).isPositive();
    }

    @Test void largeValues_areStoredCompressed() {
        String text = "the same sentence again and again. ".repeat(500);
        var e = entry("big", text, "simulator/sim-small", null, clock.instant(), Duration.ofHours(1));
        tier.put(e);
        long stored = redis.client().hstrlen(redis.prefix() + "x:e:" + e.key().hex(), "v");
        assertThat(stored).isLessThan(text.length() / 10);
        assertThat(tier.get(e.key()).orElseThrow().answer().text()).isEqualTo(text);
    }

    @Test void invalidate_model_keepsAnEntryReplacedByAnotherModel() {
        var before = entry("q", "x", "simulator/sim-small", null, clock.instant(), Duration.ofHours(1));
        var after = entry("q", "y", "simulator/sim-large", null, clock.instant(), Duration.ofHours(1));
        tier.put(before);
        tier.put(after);
        assertThat(tier.invalidate(new Namespace.Model("simulator/sim-small"))).isZero();
        assertThat(tier.get(after.key())).contains(after);
    }

    @Test void anotherPrefix_seesNothing() {
        var e = entry("mine", clock.instant());
        tier.put(e);
        try (TeamRedis other = TestRedis.open()) {
            assertThat(new RedisTier(other, clock, 1024).get(e.key())).isEmpty();
        }
    }
}
