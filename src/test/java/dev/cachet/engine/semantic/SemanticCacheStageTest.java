package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TemplateRef;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The semantic stage in a real pipeline: real MiniLM, SQLite store, the simulator as the model. */
class SemanticCacheStageTest {

    static final Embedder MINILM = OnnxEmbedder.miniLm();

    /** A clock the test moves by hand. */
    static final class ManualClock implements InstantSource {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");
        @Override public Instant instant() { return now; }
        void advance(Duration d) { now = now.plus(d); }
    }

    @TempDir Path dir;
    final ManualClock clock = new ManualClock();
    SqliteSemanticStore store;
    Database db;
    Pipeline pipeline;
    SemanticSettings settings = SemanticSettings.DEFAULTS;

    @BeforeEach void open() { pipeline = build(); }

    @AfterEach void close() { db.close(); }

    private Pipeline build() {
        if (db != null) db.close();
        db = Database.open(dir, clock);
        store = new SqliteSemanticStore(db);
        var embedder = new CachedEmbedder(MINILM, new EmbeddingCache(store, 1000));
        var cache = new SemanticCache(embedder, store, new MatchPolicy(MatchPolicy.settingsOf(settings), new QueryGuards()),
                clock, settings.ttl(), settings.neighbours(), settings.graphCrossover());
        cache.rebuild();
        var sim = new SimulatorProvider(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0));
        var registry = new ProviderRegistry(List.of(new ProviderRegistry.Entry(sim, "sim-small", Map.of(), List.of("sim-small", "sim-large"))),
                SimulatorProvider.ID);
        return new Pipeline(List.of(new ResolveStage(registry), new SemanticCacheStage(cache, settings), new GenerateStage(PriceTable.defaults())),
                List.of(), VirtualThreads.factory("test-request"), clock);
    }

    static ChatRequest ask(String system, String text) {
        var messages = new ArrayList<ChatMessage>();
        if (system != null) messages.add(ChatMessage.system(system));
        messages.add(ChatMessage.user(text));
        return new ChatRequest(null, null, messages, ChatParams.DEFAULTS.withTemperature(0.0), null, null, CacheMode.USE);
    }

    private ChatResult.Answered run(ChatRequest request) {
        return (ChatResult.Answered) pipeline.execute(request, t -> { }, new Cancellation());
    }

    private static final String Q = "How can I learn Java quickly?";
    private static final String PARAPHRASE = "How do I learn Java quickly?";

    @Test
    void paraphrase_hitsWithScoreAndNeighbourInTheTrace() {
        var first = run(ask("You are terse.", Q));
        assertThat(first.source()).isEqualTo(AnswerSource.MODEL);
        var second = run(ask("You are terse.", PARAPHRASE));
        assertThat(second.source()).isEqualTo(AnswerSource.SEMANTIC_CACHE);
        assertThat(second.text()).isEqualTo(first.text());
        var entry = second.trace().entry("semantic").orElseThrow();
        assertThat(entry.decision()).isEqualTo("hit");
        assertThat(entry.details()).containsEntry("neighbour", Q).containsKeys("score", "threshold", "namespace", "key.model");
    }

    @Test
    void noHitAcrossNamespaces_systemPrompt_model_template_params() {
        run(ask("You are terse.", Q));
        // different system prompt
        assertThat(run(ask("You are verbose.", PARAPHRASE)).source()).isEqualTo(AnswerSource.MODEL);
        // different model
        assertThat(run(ask("You are terse.", PARAPHRASE).withTarget(null, "sim-large")).source()).isEqualTo(AnswerSource.MODEL);
        // different template version
        var templated = new ChatRequest(null, null, List.of(ChatMessage.system("You are terse."), ChatMessage.user(PARAPHRASE)),
                ChatParams.DEFAULTS.withTemperature(0.0), new TemplateRef("tutor", "v2"), null, CacheMode.USE);
        assertThat(run(templated).source()).isEqualTo(AnswerSource.MODEL);
        // different parameters other than the text
        assertThat(run(ask("You are terse.", PARAPHRASE).withParams(ChatParams.DEFAULTS.withTemperature(0.0).withMaxTokens(50)))
                .source()).isEqualTo(AnswerSource.MODEL);
        // different conversation before the last user turn
        var followUp = new ChatRequest(null, null, List.of(ChatMessage.system("You are terse."), ChatMessage.user("Hi"),
                ChatMessage.assistant("Hello!"), ChatMessage.user(PARAPHRASE)), ChatParams.DEFAULTS.withTemperature(0.0), null, null, CacheMode.USE);
        assertThat(run(followUp).source()).isEqualTo(AnswerSource.MODEL);
        // and the same namespace still hits
        assertThat(run(ask("You are terse.", PARAPHRASE)).source()).isEqualTo(AnswerSource.SEMANTIC_CACHE);
    }

    @Test
    void guardVeto_isRecordedWithItsReason() {
        run(ask(null, "Who is the best dermatologist in India?"));
        var other = run(ask(null, "Who is the best dermatologist in London?"));
        assertThat(other.source()).isEqualTo(AnswerSource.MODEL);
        var entry = other.trace().entry("semantic").orElseThrow();
        assertThat(entry.decision()).isIn("vetoed", "miss");
        if (entry.decision().equals("vetoed")) assertThat(entry.details()).containsEntry("guard", "entities");
    }

    @Test
    void negationAndNumbers_neverHit() {
        run(ask(null, "Is ibuprofen safe to take during pregnancy?"));
        assertThat(run(ask(null, "Is ibuprofen not safe to take during pregnancy?")).source()).isEqualTo(AnswerSource.MODEL);
        run(ask(null, "What were the best selling cars in 2019?"));
        assertThat(run(ask(null, "What were the best selling cars in 2020?")).source()).isEqualTo(AnswerSource.MODEL);
    }

    @Test
    void hotTemperature_skipsTheLayer_andStoresNothing() {
        var hot = ask(null, Q).withParams(ChatParams.DEFAULTS.withTemperature(1.5));
        var result = run(hot);
        assertThat(result.trace().entry("semantic").orElseThrow().decision()).isEqualTo("skipped");
        assertThat(store.loadEntries()).isEmpty();
    }

    @Test
    void perNamespaceThreshold_appliesToItsModelOnly() {
        settings = SemanticSettings.DEFAULTS.withThresholds(Map.of("simulator/sim-large", 0.999));
        pipeline = build();
        run(ask(null, Q).withTarget(null, "sim-large"));
        var strict = run(ask(null, "What is the fastest way to learn Java?").withTarget(null, "sim-large"));
        assertThat(strict.source()).isEqualTo(AnswerSource.MODEL);
        assertThat(Double.parseDouble(strict.trace().entry("semantic").orElseThrow().details().get("threshold"))).isGreaterThanOrEqualTo(0.999);
        run(ask(null, Q));
        assertThat(run(ask(null, PARAPHRASE)).source()).isEqualTo(AnswerSource.SEMANTIC_CACHE);
    }

    @Test
    void restart_rebuildsTheIndexFromSqlite() {
        var first = run(ask(null, Q));
        pipeline = build();  // a new cache over the same file: the index is rebuilt from SQLite
        var again = run(ask(null, PARAPHRASE));
        assertThat(again.source()).isEqualTo(AnswerSource.SEMANTIC_CACHE);
        assertThat(again.text()).isEqualTo(first.text());
    }

    @Test
    void expiredEntries_areNotServed_andAreDeleted() {
        run(ask(null, Q));
        clock.advance(settings.ttl().plusSeconds(1));
        var later = run(ask(null, PARAPHRASE));
        assertThat(later.source()).isEqualTo(AnswerSource.MODEL);
        assertThat(store.loadEntries()).extracting(SemanticEntry::query).containsExactly(PARAPHRASE);
    }

    @Test
    void bypass_neitherLooksUpNorStores_refresh_storesWithoutLookup() {
        run(ask(null, Q).withCacheMode(CacheMode.BYPASS));
        assertThat(store.loadEntries()).isEmpty();
        run(ask(null, Q));
        var refreshed = run(ask(null, PARAPHRASE).withCacheMode(CacheMode.REFRESH));
        assertThat(refreshed.source()).isEqualTo(AnswerSource.MODEL);
        assertThat(store.loadEntries()).hasSize(2);
    }
}
