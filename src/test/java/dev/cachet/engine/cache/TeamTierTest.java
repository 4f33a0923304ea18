package dev.cachet.engine.cache;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.RedisAddress;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.team.TeamRedis;
import dev.cachet.engine.team.TestRedis;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static dev.cachet.engine.cache.CacheEntries.entry;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Local SQLite beside a shared Redis: the tier contract, sharing between workbenches, and a Redis that is down. */
class TeamTierTest extends CacheTierContract {

    private Database db;
    private TeamRedis redis;
    private TeamTier team;

    @Override protected CacheTier create(Path dir, FakeClock clock) {
        redis = TestRedis.open(); // first: without a test Redis the test is skipped before anything opens
        db = Database.open(dir.resolve("a"), clock);
        team = new TeamTier(new SqliteTier(db, clock, 1024), new RedisTier(redis, clock, 1024), "test", clock, Duration.ofSeconds(5), 100);
        return team;
    }

    @Override protected void closeTier() {
        if (redis == null) return; // skipped: no test Redis
        team.close();
        db.close();
        TestRedis.clear(redis);
        redis.close();
    }

    @Test void aSecondWorkbench_servesTheFirstsAnswers_andKeepsACopy() throws Exception {
        var e = entry("shared question", clock.instant());
        team.put(e);
        assertThat(team.drain(Duration.ofSeconds(10))).isTrue();
        try (var otherDb = Database.open(dir.resolve("b"), clock)) {
            var otherLocal = new SqliteTier(otherDb, clock, 1024);
            var other = new TeamTier(otherLocal, new RedisTier(redis, clock, 1024), "test", clock, Duration.ofSeconds(5), 100);
            try {
                assertThat(otherLocal.get(e.key())).isEmpty();
                assertThat(other.get(e.key())).contains(e);
                assertThat(otherLocal.get(e.key())).as("copied for an outage or a restart").contains(e);
                assertThat(other.status().reachable()).isTrue();
            } finally {
                other.close();
            }
        }
    }

    @Test void invalidation_reachesTheOtherWorkbenches() throws Exception {
        var e = entry("to forget", "x", "simulator/sim-small", null, clock.instant(), Duration.ofHours(1));
        team.put(e);
        team.drain(Duration.ofSeconds(10));
        team.invalidate(new Namespace.Model("simulator/sim-small"));
        assertThat(new RedisTier(redis, clock, 1024).get(e.key())).isEmpty();
    }
}

/** A team cache whose Redis does not answer: nothing fails, answers come from the local tier, the status says so. */
class TeamTierUnreachableTest {

    @Test void redisDown_localAnswers_andTheStatusSaysSo(@org.junit.jupiter.api.io.TempDir Path dir) throws Exception {
        var clock = new FakeClock();
        try (var db = Database.open(dir, clock);
             var dead = TeamRedis.open(RedisAddress.parse("redis://127.0.0.1:1/0"), null, Environment.of(Map.of()), "cachet:")) {
            var team = new TeamTier(new SqliteTier(db, clock, 1024), new RedisTier(dead, clock, 1024), "redis://127.0.0.1:1/0",
                    clock, Duration.ofSeconds(5), 3);
            try {
                var e = entry("q", clock.instant());
                team.put(e);
                assertThat(team.get(e.key())).contains(e);
                assertThat(team.get(CacheEntries.key("absent"))).isEmpty(); // the shared lookup fails quietly
                assertThat(team.status().reachable()).as(team.status().toString()).isFalse();
                assertThat(team.status().describe()).contains("unreachable", "answering from the local cache");
                for (int i = 0; i < 10; i++) team.put(entry("more" + i, clock.instant()));
                assertThat(team.status().queuedWrites()).isLessThanOrEqualTo(3);
                assertThat(team.status().droppedWrites()).isPositive();
                assertThatThrownBy(() -> team.invalidate(new Namespace.All())).hasMessageContaining("still holds its copies");
                assertThat(team.get(e.key())).as("cleared locally all the same").isEmpty();
            } finally {
                team.close();
            }
        }
    }
}
