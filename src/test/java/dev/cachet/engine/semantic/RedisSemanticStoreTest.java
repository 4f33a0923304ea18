package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.team.TeamRedis;
import dev.cachet.engine.team.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** Semantic entries in a real Redis: the store contract, at the contract entries' own time. */
class RedisSemanticStoreTest extends SemanticStoreContract {

    private TeamRedis redis;

    @Override SemanticStore create() {
        redis = TestRedis.open();
        return new RedisSemanticStore(redis, InstantSource.fixed(Instant.ofEpochSecond(1500)));
    }

    @AfterEach void clear() {
        if (redis == null) return;
        TestRedis.clear(redis);
        redis.close();
    }
}

/** Two workbenches' semantic stores sharing one Redis: what one stores, the other indexes within seconds. */
class TeamSemanticStoreTest {

    @TempDir Path dir;
    private TeamRedis redis;

    @AfterEach void clear() {
        if (redis == null) return;
        TestRedis.clear(redis);
        redis.close();
    }

    private static SemanticEntry entry(String query) {
        Instant now = Instant.now();
        return new SemanticEntry(0, "ns", query, new float[]{0.6f, 0.8f}, "answer to " + query, new ModelRef("simulator", "sim-small"),
                now, now.plus(Duration.ofHours(1)));
    }

    @Test void anEntryStoredByOneWorkbench_isAdoptedByTheOther_andNotEchoedBack() throws Exception {
        redis = TestRedis.open();
        try (var dbA = Database.open(dir.resolve("a"), InstantSource.system());
             var dbB = Database.open(dir.resolve("b"), InstantSource.system())) {
            var a = new TeamSemanticStore(new SqliteSemanticStore(dbA), new RedisSemanticStore(redis, InstantSource.system()), Duration.ofMillis(200));
            var b = new TeamSemanticStore(new SqliteSemanticStore(dbB), new RedisSemanticStore(redis, InstantSource.system()), Duration.ofMillis(200));
            a.insert(entry("stored before b started"));
            var adoptedByA = new CopyOnWriteArrayList<SemanticEntry>();
            var adoptedByB = new CopyOnWriteArrayList<SemanticEntry>();
            var forgottenByB = new CopyOnWriteArrayList<String>();
            Thread.ofVirtual().start(() -> a.follow(adoptedByA::add, ns -> { }, Duration.ofMillis(100)));
            Thread.ofVirtual().start(() -> b.follow(adoptedByB::add, forgottenByB::add, Duration.ofMillis(100)));
            a.insert(entry("stored while b follows"));
            for (int i = 0; i < 500 && adoptedByB.size() < 2; i++) Thread.sleep(20);

            assertThat(adoptedByB).extracting(SemanticEntry::query)
                    .containsExactlyInAnyOrder("stored before b started", "stored while b follows");
            assertThat(b.loadEntries()).extracting(SemanticEntry::query).as("kept in b's own store")
                    .containsExactlyInAnyOrder("stored before b started", "stored while b follows");
            assertThat(adoptedByA).as("a's own entries are not adopted back").isEmpty();

            a.deleteNamespace("ns");
            for (int i = 0; i < 500 && forgottenByB.isEmpty(); i++) Thread.sleep(20);
            assertThat(forgottenByB).containsExactly("ns");
            assertThat(b.loadEntries()).isEmpty();
            a.close();
            b.close();
        }
    }
}
