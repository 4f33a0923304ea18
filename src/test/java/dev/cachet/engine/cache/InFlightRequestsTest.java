package dev.cachet.engine.cache;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.chat.Usage;
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
import dev.cachet.engine.store.Database;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** Identical concurrent requests share one model call through the exact stage. */
class InFlightRequestsTest {

    @TempDir Path dir;
    private final FakeClock clock = new FakeClock();
    private final InFlightRequests inFlight = new InFlightRequests();
    private Database db;
    private ExactCache cache;

    /** A model server boundary the test holds closed until every follower waits; fails the first N calls. */
    private static final class GatedModel implements ChatProvider {
        final CountDownLatch called = new CountDownLatch(1);
        final CountDownLatch gate = new CountDownLatch(1);
        final AtomicInteger calls = new AtomicInteger();
        final int failFirst;

        GatedModel(int failFirst) { this.failFirst = failFirst; }

        @Override public String id() { return "gated"; }
        @Override public String displayName() { return "gated test model"; }
        @Override public List<String> models() { return List.of("m"); }
        @Override public double defaultTemperature() { return 1.0; }

        @Override public ProviderResponse chat(ProviderRequest request, TokenListener tokens, Cancellation cancellation)
                throws ProviderException, InterruptedException {
            int n = calls.incrementAndGet();
            called.countDown();
            gate.await();
            if (n <= failFirst) throw new ProviderException(new ChatError(ChatError.Kind.BAD_REQUEST, "refused", "test"));
            tokens.onToken("answer " + request.messages().getLast().content());
            return new ProviderResponse("answer " + request.messages().getLast().content(), new Usage(5, 2), FinishReason.STOP);
        }
    }

    @BeforeEach void open() {
        db = Database.open(dir, clock);
        cache = ExactCache.open(db, CacheSettings.DEFAULTS, clock);
    }

    @AfterEach void close() {
        cache.close();
        db.close();
    }

    private Pipeline pipeline(ChatProvider provider) {
        var registry = new ProviderRegistry(List.of(new ProviderRegistry.Entry(provider, "m", Map.of(), List.of())), provider.id());
        return new Pipeline(List.of(new ResolveStage(registry), new ExactCacheStage(cache, inFlight), new GenerateStage(PriceTable.defaults())),
                List.of(), VirtualThreads.factory("test-request"), clock);
    }

    private void awaitWaiting(int n) throws InterruptedException {
        for (int i = 0; i < 5_000 && inFlight.waiting() < n; i++) Thread.sleep(1);
        assertThat(inFlight.waiting()).isEqualTo(n);
    }

    @Test
    void identicalConcurrentRequests_shareOneModelCall() throws Exception {
        var model = new GatedModel(0);
        var pipeline = pipeline(model);
        var leader = pipeline.submit(ChatRequest.ofPrompt("hi"), TokenListener.NONE);
        assertThat(model.called.await(10, TimeUnit.SECONDS)).isTrue();
        var followers = new ArrayList<dev.cachet.engine.chat.ChatCall>();
        var streamed = new ArrayList<StringBuilder>();
        for (int i = 0; i < 8; i++) {
            var text = new StringBuilder();
            streamed.add(text);
            followers.add(pipeline.submit(ChatRequest.ofPrompt("hi"), t -> { synchronized (text) { text.append(t); } }));
        }
        awaitWaiting(8);
        model.gate.countDown();

        assertThat(leader.result().get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(ChatResult.Answered.class,
                a -> assertThat(a.source()).isEqualTo(AnswerSource.MODEL));
        for (int i = 0; i < followers.size(); i++) {
            var result = followers.get(i).result().get(10, TimeUnit.SECONDS);
            assertThat(result).isInstanceOfSatisfying(ChatResult.Answered.class, a -> {
                assertThat(a.source()).isEqualTo(AnswerSource.EXACT_CACHE);
                assertThat(a.text()).isEqualTo("answer hi");
                assertThat(a.trace().entry("exact").orElseThrow().details()).containsEntry("tier", "in-flight");
            });
            assertThat(streamed.get(i).toString()).isEqualTo("answer hi");
        }
        assertThat(model.calls.get()).isEqualTo(1);
        assertThat(inFlight.inFlight()).isZero();
    }

    @Test
    void failedLeader_followersCallTheModelThemselves() throws Exception {
        var model = new GatedModel(1);
        var pipeline = pipeline(model);
        var leader = pipeline.submit(ChatRequest.ofPrompt("q"), TokenListener.NONE);
        assertThat(model.called.await(10, TimeUnit.SECONDS)).isTrue();
        var follower = pipeline.submit(ChatRequest.ofPrompt("q"), TokenListener.NONE);
        awaitWaiting(1);
        model.gate.countDown();

        assertThat(leader.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ChatResult.Failed.class);
        assertThat(follower.result().get(10, TimeUnit.SECONDS)).isInstanceOfSatisfying(ChatResult.Answered.class,
                a -> assertThat(a.source()).isEqualTo(AnswerSource.MODEL));
        assertThat(model.calls.get()).isEqualTo(2);
    }

    @Test
    void cancelledFollower_endsAtOnce_leaderStillAnswers() throws Exception {
        var model = new GatedModel(0);
        var pipeline = pipeline(model);
        var leader = pipeline.submit(ChatRequest.ofPrompt("x"), TokenListener.NONE);
        assertThat(model.called.await(10, TimeUnit.SECONDS)).isTrue();
        var follower = pipeline.submit(ChatRequest.ofPrompt("x"), TokenListener.NONE);
        awaitWaiting(1);
        follower.cancel();
        assertThat(follower.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ChatResult.Cancelled.class);

        model.gate.countDown();
        assertThat(leader.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ChatResult.Answered.class);
        assertThat(model.calls.get()).isEqualTo(1);
    }

    @Test
    void differentRequests_doNotWaitForEachOther() throws Exception {
        var model = new GatedModel(0);
        var pipeline = pipeline(model);
        var first = pipeline.submit(ChatRequest.ofPrompt("one"), TokenListener.NONE);
        var second = pipeline.submit(ChatRequest.ofPrompt("two"), TokenListener.NONE);
        for (int i = 0; i < 5_000 && model.calls.get() < 2; i++) Thread.sleep(1);
        assertThat(model.calls.get()).isEqualTo(2);
        assertThat(inFlight.waiting()).isZero();
        model.gate.countDown();
        assertThat(first.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ChatResult.Answered.class);
        assertThat(second.result().get(10, TimeUnit.SECONDS)).isInstanceOf(ChatResult.Answered.class);
    }
}
