package dev.cachet.engine.cache;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.config.CacheSettings;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.Pipeline;
import dev.cachet.engine.provider.ChatProvider;
import dev.cachet.engine.provider.GenerateStage;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.provider.ProviderException;
import dev.cachet.engine.provider.ProviderRegistry;
import dev.cachet.engine.provider.ProviderRequest;
import dev.cachet.engine.provider.ProviderResponse;
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
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The exact stage inside the real pipeline, against the simulator. */
class ExactCacheStageTest {

    @TempDir Path dir;
    private final FakeClock clock = new FakeClock();
    private final SimulatorProvider simulator = new SimulatorProvider(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 0));
    private Database db;
    private ExactCache cache;

    @BeforeEach void open() {
        db = Database.open(dir, clock);
        cache = ExactCache.open(db, CacheSettings.DEFAULTS, clock);
    }

    @AfterEach void close() {
        cache.close();
        db.close();
    }

    private Pipeline pipeline(ChatProvider provider) {
        var registry = new ProviderRegistry(List.of(new ProviderRegistry.Entry(provider, "sim-small", Map.of(), List.of())),
                provider.id());
        return new Pipeline(List.of(new ResolveStage(registry), new ExactCacheStage(cache), new GenerateStage(PriceTable.defaults())),
                List.of(), VirtualThreads.factory("test-request"), clock);
    }

    private static ChatResult run(Pipeline p, ChatRequest r) {
        return p.execute(r, TokenListener.NONE, new Cancellation());
    }

    @Test void secondIdenticalRequest_isAnExactHit_withTheOriginalUsage_andStreamsTheSameText() {
        var p = pipeline(simulator);
        var request = ChatRequest.ofPrompt("what is a cache?");
        var first = (ChatResult.Answered) run(p, request);
        var streamed = new StringBuilder();
        var second = (ChatResult.Answered) p.execute(request, streamed::append, new Cancellation());

        assertThat(first.source()).isEqualTo(AnswerSource.MODEL);
        assertThat(second.source()).isEqualTo(AnswerSource.EXACT_CACHE);
        assertThat(second.text()).isEqualTo(first.text());
        assertThat(streamed.toString()).isEqualTo(first.text());
        assertThat(second.usage()).isEqualTo(first.usage());
        assertThat(second.model()).isEqualTo(first.model());
        var entry = second.trace().entry("exact").orElseThrow();
        assertThat(entry.decision()).isEqualTo("hit");
        assertThat(entry.details()).containsEntry("tier", "l1").containsKey("key");
        assertThat(first.trace().entry("exact").orElseThrow().decision()).isEqualTo("miss");
        assertThat(second.trace().entry("generate")).isEmpty();
    }

    @Test void refresh_skipsTheLookup_butStoresTheFreshAnswer() {
        var p = pipeline(simulator);
        var request = ChatRequest.ofPrompt("q");
        run(p, request);
        var refreshed = (ChatResult.Answered) run(p, request.withCacheMode(CacheMode.REFRESH));
        assertThat(refreshed.source()).isEqualTo(AnswerSource.MODEL);
        var note = refreshed.trace().entry("exact").orElseThrow();
        assertThat(note.decision()).isEqualTo("skipped");
        assertThat(note.reason()).isEqualTo("regenerate: cache bypassed on purpose");
        assertThat(cache.pendingWrites()).isEqualTo(1);
    }

    @Test void bypass_neitherLooksUpNorStores() {
        var p = pipeline(simulator);
        var request = ChatRequest.ofPrompt("q").withCacheMode(CacheMode.BYPASS);
        run(p, request);
        var again = (ChatResult.Answered) run(p, request);
        assertThat(again.source()).isEqualTo(AnswerSource.MODEL);
        assertThat(cache.pendingWrites()).isZero();
        assertThat(cache.lookup(CacheKeyFieldsOf.request(request, simulator))).isInstanceOf(CacheLookup.Miss.class);
    }

    @Test void failedCalls_areNeverStored() {
        simulator.settings(simulator.settings().withFailures(1.0, 0));
        var p = pipeline(simulator);
        var request = ChatRequest.ofPrompt("q");
        assertThat(run(p, request)).isInstanceOf(ChatResult.Failed.class);
        assertThat(run(p, request)).isInstanceOf(ChatResult.Failed.class);
        cache.flush();
        assertThat(cache.cacheStats().l2().entries()).isZero();
        assertThat(cache.pendingWrites()).isZero();
    }

    @Test void cancelledStreams_areNeverStored() {
        simulator.settings(SimulatorSettings.DEFAULTS.withLatency(Duration.ZERO, 10_000));
        var p = pipeline(simulator);
        var cancellation = new Cancellation();
        var result = p.execute(ChatRequest.ofPrompt("q"), token -> cancellation.cancel(), cancellation);
        assertThat(result).isInstanceOf(ChatResult.Cancelled.class);
        assertThat(((ChatResult.Cancelled) result).partialText()).isNotEmpty();
        assertThat(cache.pendingWrites()).isZero();
    }

    @Test void streamsCutOffByAServerError_areNeverStored() {
        ChatProvider cutOff = new ChatProvider() {
            @Override public String id() { return "flaky"; }
            @Override public String displayName() { return "flaky"; }
            @Override public List<String> models() { return List.of("sim-small"); }
            @Override public double defaultTemperature() { return 1.0; }
            @Override public ProviderResponse chat(ProviderRequest r, TokenListener tokens, Cancellation c) throws ProviderException {
                tokens.onToken("half an ");
                throw new ProviderException(new ChatError(ChatError.Kind.SERVER_ERROR, "connection reset", "retry"), "half an ", null);
            }
        };
        var result = run(pipeline(cutOff), ChatRequest.ofPrompt("q"));
        assertThat(result).isInstanceOf(ChatResult.Failed.class);
        assertThat(cache.pendingWrites()).isZero();
    }

    /** Key of a request as the stage computes it. */
    private static final class CacheKeyFieldsOf {
        static CacheKey request(ChatRequest r, SimulatorProvider sim) {
            var resolved = new dev.cachet.engine.provider.ResolvedModel(new dev.cachet.engine.chat.ModelRef("simulator", "sim-small"), sim);
            return CacheKeyFields.of(r, resolved).key();
        }
    }
}
