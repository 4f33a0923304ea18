package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.config.SemanticSettings;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.Pipeline;
import dev.cachet.engine.provider.GenerateStage;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.provider.ProviderRegistry;
import dev.cachet.engine.provider.ResolveStage;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.team.TeamRedis;
import dev.cachet.engine.team.TestRedis;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;

import static dev.cachet.engine.semantic.SemanticCacheStageTest.MINILM;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The entry cap in a real pipeline (MiniLM, SQLite, the simulator): least recently used entries go,
 * from the database and from lookups; a hit refreshes an entry; a restart keeps the bound and the order.
 */
class SemanticCapTest {

    private static final String FRANCE = "What is the capital of France?";
    private static final String BREAD = "How do I bake sourdough bread at home?";
    private static final String QUANTUM = "Explain quantum entanglement in simple terms.";
    private static final String RAINBOW = "What causes a rainbow to appear after rain?";
    private static final String VACCINE = "How do vaccines train the immune system?";

    @TempDir Path dir;
    final SemanticCacheStageTest.ManualClock clock = new SemanticCacheStageTest.ManualClock();
    Database db;
    SemanticCache cache;
    Pipeline pipeline;

    @AfterEach void close() { if (db != null) db.close(); }

    /** Opens (or re-opens, as a restart does) the layer on the data dir with {@code cap} entries. */
    private void open(int cap) {
        if (db != null) db.close();
        db = Database.open(dir, clock);
        var store = new SqliteSemanticStore(db);
        var settings = SemanticSettings.DEFAULTS.withMaxEntries(cap);
        cache = new SemanticCache(new CachedEmbedder(MINILM, new EmbeddingCache(store, 1000)), store,
                new MatchPolicy(MatchPolicy.settingsOf(settings), new QueryGuards()), clock, settings.ttl(), settings.neighbours(),
                settings.graphCrossover(), settings.maxEntries());
        cache.rebuild();
        var sim = new SimulatorProvider(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0));
        var registry = new ProviderRegistry(List.of(new ProviderRegistry.Entry(sim, "sim-small", Map.of(), List.of("sim-small"))),
                SimulatorProvider.ID);
        pipeline = new Pipeline(List.of(new ResolveStage(registry), new SemanticCacheStage(cache, settings),
                new GenerateStage(PriceTable.defaults())), List.of(), VirtualThreads.factory("test-request"), clock);
    }

    private AnswerSource ask(String text) {
        clock.advance(Duration.ofMinutes(1));  // distinct store and use times: the order survives a restart
        var r = (ChatResult.Answered) pipeline.execute(SemanticCacheStageTest.ask(null, text), t -> { }, new Cancellation());
        return r.source();
    }

    /** The queries in semantic_entry, as the next start would load them. */
    private List<String> storedQueries() {
        return new SqliteSemanticStore(db).loadEntries().stream().map(SemanticEntry::query).toList();
    }

    @Test
    void keepsAtMostTheCap_evictsTheLeastRecentlyUsed_fromTheDatabaseAndFromLookups() {
        open(3);
        for (String q : List.of(FRANCE, BREAD, QUANTUM)) assertThat(ask(q)).isEqualTo(AnswerSource.MODEL);
        assertThat(ask(FRANCE)).as("a hit refreshes France").isEqualTo(AnswerSource.SEMANTIC_CACHE);

        assertThat(ask(RAINBOW)).isEqualTo(AnswerSource.MODEL);
        assertThat(ask(VACCINE)).isEqualTo(AnswerSource.MODEL);

        assertThat(cache.size()).isEqualTo(3);
        assertThat(cache.evictions()).isEqualTo(2);
        assertThat(storedQueries()).as("bread and quantum, least recently used, are gone from SQLite")
                .containsExactlyInAnyOrder(FRANCE, RAINBOW, VACCINE);
        assertThat(ask(FRANCE)).as("the hit one survived").isEqualTo(AnswerSource.SEMANTIC_CACHE);
        assertThat(ask(VACCINE)).isEqualTo(AnswerSource.SEMANTIC_CACHE);
        assertThat(ask(BREAD)).as("an evicted query misses").isEqualTo(AnswerSource.MODEL);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(storedQueries()).containsExactlyInAnyOrder(FRANCE, VACCINE, BREAD);
    }

    @Test
    void aRestart_keepsTheBound_andTheOrderOfUse() {
        open(3);
        for (String q : List.of(FRANCE, BREAD, QUANTUM)) ask(q);
        assertThat(ask(FRANCE)).isEqualTo(AnswerSource.SEMANTIC_CACHE);  // France is now the most recently used

        open(3);
        assertThat(cache.size()).isEqualTo(3);
        assertThat(ask(RAINBOW)).isEqualTo(AnswerSource.MODEL);
        assertThat(storedQueries()).as("the order of use was kept across the restart").containsExactlyInAnyOrder(QUANTUM, FRANCE, RAINBOW);

        open(2);  // a lower cap: the least recently used go at start, from SQLite too
        assertThat(cache.size()).isEqualTo(2);
        assertThat(storedQueries()).containsExactlyInAnyOrder(FRANCE, RAINBOW);
        assertThat(ask(QUANTUM)).isEqualTo(AnswerSource.MODEL);  // France, used before Rainbow was stored, goes
        assertThat(ask(RAINBOW)).isEqualTo(AnswerSource.SEMANTIC_CACHE);
        assertThat(cache.size()).isEqualTo(2);
        assertThat(storedQueries()).containsExactlyInAnyOrder(RAINBOW, QUANTUM);
    }

    @Test
    void evictionFromTheGraphIndex_evictedEntriesAreNeverFound() {
        // A namespace past the crossover searches a JVector graph: evicted entries must leave it too.
        var store = new InMemorySemanticStore();
        var settings = SemanticSettings.DEFAULTS;
        var capped = new SemanticCache(MINILM, store, new MatchPolicy(MatchPolicy.settingsOf(settings), new QueryGuards()), clock,
                settings.ttl(), 5, 8, 20);
        var key = SemanticKey.of(SemanticCacheStageTest.ask(null, "q"), new ModelRef("simulator", "sim-small"), "test");
        float[][] v = VectorIndexContract.clustered(60, 11);
        for (int i = 0; i < 60; i++) capped.put(keyFor(key, "q" + i), v[i], "a" + i, new ModelRef("simulator", "sim-small"));

        assertThat(capped.indexKind(key.namespace())).isEqualTo("graph");
        assertThat(capped.size()).isLessThanOrEqualTo(20);
        assertThat(store.loadEntries()).hasSize(capped.size());
        var kept = store.loadEntries().stream().map(SemanticEntry::query).toList();
        assertThat(kept).contains("q59", "q58").doesNotContain("q0", "q39");
        for (int i = 0; i < 60; i++) {
            for (var near : capped.nearest(key, v[i])) assertThat(kept).contains(near.entry().query());
        }
        assertThat(capped.nearest(key, v[59]).getFirst().entry().query()).isEqualTo("q59");
    }

    @Test
    void withTheTeamStore_evictedEntriesLeaveTheSharedRedisToo() throws Exception {
        TeamRedis redis = TestRedis.open();
        try {
            db = Database.open(dir, clock);
            var shared = new RedisSemanticStore(redis, InstantSource.system());
            var team = new TeamSemanticStore(new SqliteSemanticStore(db), shared, Duration.ofMillis(100));
            var capped = new SemanticCache(MINILM, team, new MatchPolicy(MatchPolicy.settingsOf(SemanticSettings.DEFAULTS), new QueryGuards()),
                    InstantSource.system(), Duration.ofHours(1), 5, 3_000, 2);
            Thread.ofVirtual().start(() -> team.follow(capped::adopt, capped::forgetIndex, Duration.ofMillis(100)));
            var key = SemanticKey.of(SemanticCacheStageTest.ask(null, "q"), new ModelRef("simulator", "sim-small"), "test");
            var model = new ModelRef("simulator", "sim-small");
            capped.put(keyFor(key, "first"), new float[]{1, 0}, "a1", model);
            capped.put(keyFor(key, "second"), new float[]{0, 1}, "a2", model);
            // The shared copies are written behind: wait for them (not for a time), then go over the cap.
            for (int i = 0; i < 500 && team.sharedCopies() < 2; i++) Thread.sleep(20);
            assertThat(shared.loadEntries()).extracting(SemanticEntry::query).containsExactlyInAnyOrder("first", "second");

            capped.put(keyFor(key, "third"), new float[]{0.6f, 0.8f}, "a3", model);

            assertThat(capped.evictions()).isEqualTo(1);
            assertThat(team.loadEntries()).extracting(SemanticEntry::query).containsExactlyInAnyOrder("second", "third");
            assertThat(shared.loadEntries()).extracting(SemanticEntry::query).as("the evicted entry left the team's Redis")
                    .doesNotContain("first").contains("second");
            team.close();
        } finally {
            TestRedis.clear(redis);
            redis.close();
        }
    }

    private static SemanticKey keyFor(SemanticKey key, String text) { return new SemanticKey(key.fields(), key.namespace(), text); }
}
