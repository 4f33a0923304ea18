package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatParams;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
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
import dev.cachet.engine.semantic.calibration.Calibration;
import dev.cachet.engine.semantic.calibration.Calibrations;
import dev.cachet.engine.semantic.calibration.Label;
import dev.cachet.engine.semantic.calibration.ScoreBins;
import dev.cachet.engine.semantic.calibration.SqliteLabelStore;
import dev.cachet.engine.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The learning loop in a real pipeline (real MiniLM, SQLite, the simulator as the model): explores
 * label their namespace, labels survive a restart, a 👎 stops a hit, guards win over learning,
 * clearing a namespace clears its learning, and the embedder stays off the path where it cannot hit.
 */
class SemanticLearningTest {

    /** MiniLM, counting calls, with a switch that says "still loading". */
    static final class CountingEmbedder implements Embedder {
        final AtomicInteger calls = new AtomicInteger();
        volatile boolean ready = true;
        @Override public String modelId() { return SemanticCacheStageTest.MINILM.modelId(); }
        @Override public boolean ready() { return ready; }
        @Override public List<float[]> embedAll(List<String> texts) throws EmbeddingException, InterruptedException {
            calls.incrementAndGet();
            return SemanticCacheStageTest.MINILM.embedAll(texts);
        }
    }

    /** Work after answers waits here until the test runs it. */
    static final class HeldWork implements Executor {
        final ArrayDeque<Runnable> queue = new ArrayDeque<>();
        @Override public synchronized void execute(Runnable r) { queue.add(r); }
        synchronized int runAll() {
            int n = 0;
            while (!queue.isEmpty()) {
                queue.poll().run();
                n++;
            }
            return n;
        }
    }

    @TempDir Path dir;
    Database db;
    SemanticCache cache;
    Calibrations calibrations;
    CountingEmbedder embedder;
    HeldWork after;
    Pipeline pipeline;

    @BeforeEach void open() { build(); }

    @AfterEach void close() { db.close(); }

    private void build() {
        if (db != null) db.close();
        db = Database.open(dir, InstantSource.system());
        var store = new SqliteSemanticStore(db);
        embedder = new CountingEmbedder();
        var settings = SemanticSettings.DEFAULTS;
        cache = new SemanticCache(embedder, store, new MatchPolicy(MatchPolicy.settingsOf(settings), new QueryGuards()),
                InstantSource.system(), settings.ttl(), settings.neighbours(), settings.graphCrossover());
        cache.rebuild();
        after = new HeldWork();
        var labels = new SqliteLabelStore(db, InstantSource.system());
        calibrations = new Calibrations(labels, 0.9, 30, InstantSource.system(), Runnable::run);
        var stage = new SemanticCacheStage(cache, settings, calibrations, new AnswerAgreement(SemanticCacheStageTest.MINILM),
                new SemanticJudge(settings.calibration().judge(), (p, m) -> null, labels), after);
        var sim = new SimulatorProvider(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0));
        var registry = new ProviderRegistry(List.of(new ProviderRegistry.Entry(sim, "sim-small", Map.of(), List.of("sim-small"))),
                SimulatorProvider.ID);
        pipeline = new Pipeline(List.of(new ResolveStage(registry), stage, new GenerateStage(PriceTable.defaults())), List.of(),
                VirtualThreads.factory("test-request"), InstantSource.system());
    }

    private static ChatRequest ask(String text) {
        return new ChatRequest(null, null, List.of(ChatMessage.user(text)), ChatParams.DEFAULTS.withTemperature(0.0), null, null,
                CacheMode.USE);
    }

    private ChatResult.Answered run(String text) {
        var r = (ChatResult.Answered) pipeline.execute(ask(text), t -> { }, new Cancellation());
        after.runAll();
        return r;
    }

    private String namespace() { return SemanticKey.of(ask("x"), new dev.cachet.engine.chat.ModelRef("simulator", "sim-small"), embedder.modelId()).namespace(); }

    private Calibration calibration() { return calibrations.learner(namespace(), 0.02).calibration(); }

    /** Makes the namespace learned: agreeing labels from 0.70 up, disagreeing ones below 0.55. */
    private void teach() {
        var learner = calibrations.learner(namespace(), 0.02);
        for (int i = 0; i < 300; i++) {
            double s = 0.3 + i * 0.0023;
            calibrations.countLookup(learner, s);
            calibrations.label(learner, 0, s, s >= 0.7, Label.Source.ANSWERS_COMPARED);
        }
        assertThat(calibration().phase()).isEqualTo(Calibration.Phase.LEARNED);
        assertThat(calibration().serveAt()).isLessThan(0.75);
    }

    @Test
    void emptyNamespace_answersWithoutEmbedding_thenStoresInTheBackground() {
        var first = pipeline.execute(ask("How can I learn Java quickly?"), t -> { }, new Cancellation());
        var note = first.trace().entry("semantic").orElseThrow();
        assertThat(note.decision()).isEqualTo("miss");
        assertThat(note.reason()).contains("nothing cached in this namespace yet");
        assertThat(embedder.calls.get()).as("embedder calls on the request's path").isZero();
        assertThat(after.runAll()).isEqualTo(1);
        assertThat(embedder.calls.get()).isEqualTo(1);
        assertThat(cache.hasEntries(namespace())).isTrue();
        assertThat(run("How do I learn Java quickly?").source()).isEqualTo(AnswerSource.SEMANTIC_CACHE);
    }

    @Test
    void modelStillLoading_looksUpNothing_andStoresAfterTheAnswer() {
        run("How can I learn Java quickly?");
        embedder.ready = false;
        int before = embedder.calls.get();
        var r = pipeline.execute(ask("How do I learn Java quickly?"), t -> { }, new Cancellation());
        assertThat(r.trace().entry("semantic").orElseThrow().reason()).contains("still loading");
        assertThat(((ChatResult.Answered) r).source()).isEqualTo(AnswerSource.MODEL);
        assertThat(embedder.calls.get()).isEqualTo(before);
        after.runAll();
        assertThat(embedder.calls.get()).isEqualTo(before + 1);
    }

    @Test
    void anExploredLookup_labelsItsNamespace_fromTheTwoAnswers() {
        run("How can I lose weight fast?");
        var r = run("What is the quickest way to lose weight?");
        var note = r.trace().entry("semantic").orElseThrow();
        assertThat(note.decision()).as(note.reason()).isEqualTo("explore");
        assertThat(r.source()).isEqualTo(AnswerSource.MODEL);
        assertThat(calibration().labels()).isEqualTo(1);
        assertThat(calibrations.store().labels(namespace())).singleElement()
                .satisfies(l -> assertThat(l.source()).isEqualTo(Label.Source.ANSWERS_COMPARED));
    }

    @Test
    void labels_surviveARestart() {
        run("How can I lose weight fast?");
        run("What is the quickest way to lose weight?");
        teach();
        Calibration before = calibration();
        build();  // a new cache, learner and stage over the same file
        Calibration after = calibration();
        assertThat(after.labels()).isEqualTo(before.labels());
        assertThat(after.phase()).isEqualTo(Calibration.Phase.LEARNED);
        assertThat(after.serveAt()).isEqualTo(before.serveAt());
    }

    @Test
    void aThumbsDownOnASemanticHit_makesTheSameQueryMissNextTime() {
        run("How can I learn Java quickly?");
        var hit = run("How do I learn Java quickly?");
        assertThat(hit.source()).isEqualTo(AnswerSource.SEMANTIC_CACHE);
        var layer = new Rater(calibrations);
        assertThat(layer.rate(hit, SemanticLayer.Rating.WRONG)).isTrue();
        var again = run("How do I learn Java quickly?");
        assertThat(again.source()).isEqualTo(AnswerSource.MODEL);
        var note = again.trace().entry("semantic").orElseThrow();
        assertThat(note.decision()).isEqualTo("explore");
        assertThat(note.reason()).contains("judged wrong");
    }

    @Test
    void guardVetoes_winOverALearnedThreshold() {
        teach();
        run("What were the best selling cars in 2019?");
        var other = run("What were the best selling cars in 2020?");
        var note = other.trace().entry("semantic").orElseThrow();
        assertThat(Double.parseDouble(note.details().get("score"))).isGreaterThan(calibration().serveAt());
        assertThat(note.decision()).isEqualTo("vetoed");
        assertThat(note.details()).containsEntry("guard", "numbers");
        assertThat(other.source()).isEqualTo(AnswerSource.MODEL);
        // a vetoed lookup still counts among those with no right answer cached (never among those served)
        calibrations.flush();
        long[] counts = calibrations.store().lookups(namespace());
        int bin = ScoreBins.of(Double.parseDouble(note.details().get("score")));
        assertThat(counts[ScoreBins.COUNT + bin]).isEqualTo(1);
        run("Convert 10 miles to km");
        assertThat(run("Convert 10 km to miles").trace().entry("semantic").orElseThrow().details()).containsEntry("guard", "direction");
    }

    @Test
    void aLearnedNamespace_servesWhatTheFixedPolicyWouldNot() {
        teach();
        run("How can I lose weight fast?");
        var r = run("What is the quickest way to lose weight?");
        var note = r.trace().entry("semantic").orElseThrow();
        assertThat(note.decision()).as(note.reason()).isEqualTo("hit");
        assertThat(note.details()).containsKeys("pSame", "pSameLow", "errorBound", "falseHits", "falseHitsHigh", "serveAt");
        assertThat(note.details()).containsEntry("phase", "learned");
    }

    @Test
    void clearingANamespace_clearsItsLearning() {
        teach();
        run("How can I learn Java quickly?");
        calibrations.clear(namespace());
        cache.invalidate(namespace());
        assertThat(calibrations.store().labels(namespace())).isEmpty();
        assertThat(calibration().phase()).isEqualTo(Calibration.Phase.WARMING_UP);
        assertThat(calibration().labels()).isZero();
        assertThat(cache.hasEntries(namespace())).isFalse();
    }

    /** Rates through the same code the layer uses (SemanticLayer.rate reads the trace the same way). */
    private record Rater(Calibrations calibrations) {
        boolean rate(ChatResult.Answered answer, SemanticLayer.Rating rating) {
            return SemanticLayer.rate(calibrations, answer.trace(), rating).isPresent();
        }
    }
}
