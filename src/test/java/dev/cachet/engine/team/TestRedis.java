package dev.cachet.engine.team;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.RedisAddress;

import java.util.UUID;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The real Redis tests run against: {@code CACHET_TEST_REDIS} (or {@code -Dcachet.test.redis}), e.g.
 * {@code redis://127.0.0.1:16379/0}. {@code .ci/run} starts a redis-server and sets it, together with
 * {@code CACHET_REQUIRE_REDIS}, so there a missing Redis fails the build instead of skipping the tests.
 * Each test works under its own key prefix and removes its keys afterwards.
 */
public final class TestRedis {

    private TestRedis() { }

    /** The configured address, or the test is skipped with the reason (failed when Redis is required). */
    public static String address() {
        String url = System.getProperty("cachet.test.redis", System.getenv("CACHET_TEST_REDIS"));
        boolean required = System.getenv("CACHET_REQUIRE_REDIS") != null;
        if (url == null || url.isBlank()) {
            if (required) throw new AssertionError("CACHET_REQUIRE_REDIS is set but CACHET_TEST_REDIS is not");
            assumeTrue(false, "no test Redis: set CACHET_TEST_REDIS=redis://127.0.0.1:PORT/0 (.ci/run starts one)");
        }
        return url;
    }

    /** A connection under a fresh prefix; {@link #clear} removes what the test wrote. */
    public static TeamRedis open() {
        return open(address(), "cachet-test-" + UUID.randomUUID() + ":");
    }

    public static TeamRedis open(String url, String prefix) {
        TeamRedis redis = TeamRedis.open(RedisAddress.parse(url), null, Environment.of(java.util.Map.of()), prefix);
        try {
            redis.client().ping();
        } catch (RuntimeException e) {
            redis.close();
            if (System.getenv("CACHET_REQUIRE_REDIS") != null) throw new AssertionError("test Redis " + url + " does not answer", e);
            assumeTrue(false, "test Redis " + url + " does not answer: " + e.getMessage());
        }
        return redis;
    }

    /** Deletes every key under the prefix. */
    public static void clear(TeamRedis redis) { redis.deleteAll(); }
}
