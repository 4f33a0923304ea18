package dev.cachet.engine.provider;

import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.exec.CircuitBreaker;
import dev.cachet.engine.exec.FakeTime;
import dev.cachet.engine.exec.ProviderGuards;
import dev.cachet.engine.exec.Resilience;
import dev.cachet.engine.exec.RetryPolicy;
import dev.cachet.engine.exec.GuardSettings;
import dev.cachet.engine.exec.ProviderLimiter;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.Pipeline;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

class GenerateStageTest {

    private final FakeTime time = new FakeTime();
    private final ScriptedProvider flaky = new ScriptedProvider("flaky");
    private final SimulatorProvider simulator = new SimulatorProvider(new SimulatorSettings(Duration.ZERO, 0, 0, 0, 10, List.of("sim-small")));
    private final RetryPolicy retry = new RetryPolicy(3, Duration.ofMillis(100), Duration.ofSeconds(5), Duration.ofSeconds(20), 0);
    private ProviderLimiter.Settings flakyLimit = ProviderLimiter.Settings.UNLIMITED;
    private Map<String, ProviderLimiter.Settings> flakyModelLimits = Map.of();
    private Map<String, List<String>> fallbacks = Map.of("flaky", List.of("simulator"));
    private ProviderGuards guards;

    private static final ChatError SERVER = new ChatError(ChatError.Kind.SERVER_ERROR, "flaky server error 500", "retry");
    private static final ChatError AUTH = new ChatError(ChatError.Kind.AUTHENTICATION, "flaky rejected the key from FLAKY_KEY", "check");

    private ChatResult run() {
        guards = guards != null ? guards : new ProviderGuards(id -> new GuardSettings(id.equals("flaky") ? flakyLimit
                : ProviderLimiter.Settings.UNLIMITED, id.equals("flaky") ? flakyModelLimits : Map.of(),
                new CircuitBreaker.Settings(3, Duration.ofSeconds(30)), retry), time, time);
        var registry = new ProviderRegistry(List.of(
                new ProviderRegistry.Entry(flaky, "f-1", Map.of(), List.of()),
                new ProviderRegistry.Entry(simulator, "sim-small", Map.of(), List.of("sim-small"))), "flaky");
        var stage = new GenerateStage(PriceTable.defaults(), new Resilience(guards, time, time, () -> 1.0),
                new FallbackChain(registry, fallbacks));
        var pipeline = new Pipeline(List.of(new ResolveStage(registry), stage), List.of(), Thread.ofVirtual().factory(), time);
        return pipeline.execute(ChatRequest.ofPrompt("hello"), TokenListener.NONE, new Cancellation());
    }

    @Test
    void transientFailure_isRetriedWithBackoff_thenAnswers() {
        flaky.fail(SERVER).fail(SERVER).answer("ok", "!");
        var result = (ChatResult.Answered) run();
        assertThat(result.text()).isEqualTo("ok!");
        assertThat(result.model()).isEqualTo(new ModelRef("flaky", "f-1"));
        assertThat(flaky.calls).isEqualTo(3);
        assertThat(time.slept()).isEqualTo(Duration.ofMillis(300));
        var details = result.trace().entry("generate").orElseThrow().details();
        assertThat(details).containsEntry("attempts", "3").containsKey("attempt1.retry").containsEntry("attempt3", "flaky/f-1 ok in 0 ms");
    }

    @Test
    void retryAfter_isHonoured() {
        flaky.fail(new ChatError(ChatError.Kind.RATE_LIMITED, "flaky 429", "later", Duration.ofSeconds(3))).answer("ok");
        assertThat(run()).isInstanceOf(ChatResult.Answered.class);
        assertThat(time.slept()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void retryAfterBeyondMaxDelay_fallsBackInsteadOfWaiting() {
        flaky.fail(new ChatError(ChatError.Kind.RATE_LIMITED, "flaky 429", "later", Duration.ofMinutes(5)));
        var result = (ChatResult.Answered) run();
        assertThat(result.model()).isEqualTo(new ModelRef("simulator", "sim-small"));
        assertThat(time.slept()).isZero();
    }

    @Test
    void exhaustedRetries_fallBack_andTheAnswerNamesTheModelThatAnswered() {
        flaky.fail(SERVER).fail(SERVER).fail(SERVER);
        var result = (ChatResult.Answered) run();
        assertThat(result.model()).isEqualTo(new ModelRef("simulator", "sim-small"));
        var details = result.trace().entry("generate").orElseThrow().details();
        assertThat(details).containsEntry("provider", "simulator").containsEntry("attempts", "4");
        assertThat(details.get("fallback1")).contains("to simulator/sim-small after SERVER_ERROR");
    }

    @Test
    void nonTransientFailure_isNotRetried_butFallsBack() {
        flaky.fail(AUTH);
        var result = (ChatResult.Answered) run();
        assertThat(flaky.calls).isEqualTo(1);
        assertThat(result.model().provider()).isEqualTo("simulator");
    }

    @Test
    void quotaExhausted_isNotRetried_fallsOver_andDoesNotShrinkTheRateLimit() {
        flakyLimit = new ProviderLimiter.Settings(10, 10, Duration.ofSeconds(5));
        flaky.fail(new ChatError(ChatError.Kind.QUOTA_EXHAUSTED, "flaky quota exhausted (429)", "add credit"));
        var result = (ChatResult.Answered) run();
        assertThat(flaky.calls).isEqualTo(1);
        assertThat(time.slept()).isZero();
        assertThat(result.model().provider()).isEqualTo("simulator");
        assertThat(result.trace().entry("generate").orElseThrow().details().get("fallback1")).contains("QUOTA_EXHAUSTED");
        assertThat(guards.guard("flaky").limiter().currentRate()).isEqualTo(10.0);
    }

    @Test
    void thinkingThatReachedTheCaller_isNotRetried_either() {
        flaky.thinkingThenFail(new ChatError(ChatError.Kind.SERVER_ERROR, "flaky broke while thinking", "later"), "let me see");
        var result = (ChatResult.Failed) run();
        assertThat(flaky.calls).isEqualTo(1);
        assertThat(result.partialText()).isEmpty();
    }

    @Test
    void notCacheableFinish_isSaidInTheTrace() {
        flaky.answerEnding(FinishReason.REFUSAL, "I can't");
        var result = (ChatResult.Answered) run();
        assertThat(result.trace().entry("generate").orElseThrow().reason()).contains("finished: refused — not cached");
    }

    @Test
    void withoutFallback_theLastErrorIsTheResult() {
        fallbacks = Map.of();
        flaky.fail(AUTH);
        var result = (ChatResult.Failed) run();
        assertThat(result.error()).isEqualTo(AUTH);
    }

    @Test
    void failureAfterTokensReachedTheCaller_isFinal_withThePartialText() {
        flaky.tokensThenFail(new ChatError(ChatError.Kind.TIMEOUT, "flaky stopped streaming", "later"), "par", "tial");
        var result = (ChatResult.Failed) run();
        assertThat(result.error().kind()).isEqualTo(ChatError.Kind.TIMEOUT);
        assertThat(result.partialText()).isEqualTo("partial");
        assertThat(flaky.calls).isEqualTo(1);
        assertThat(time.slept()).isZero();
    }

    @Test
    void openBreaker_skipsStraightToTheFallback_saying_why() {
        flaky.fail(SERVER).fail(SERVER).fail(SERVER);
        run(); // three failures open the breaker (threshold 3), then the chain falls back
        int callsBefore = flaky.calls;
        var result = (ChatResult.Answered) run();
        assertThat(flaky.calls).isEqualTo(callsBefore);
        assertThat(result.model().provider()).isEqualTo("simulator");
        assertThat(result.trace().entry("generate").orElseThrow().details().get("attempt1")).contains("circuit open");
        assertThat(guards.guard("flaky").health().breaker()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void breakerProbesAfterCoolDown_andClosesOnSuccess() {
        flaky.fail(SERVER).fail(SERVER).fail(SERVER);
        run();
        time.advance(Duration.ofSeconds(31));
        flaky.answer("back");
        var result = (ChatResult.Answered) run();
        assertThat(result.model().provider()).isEqualTo("flaky");
        assertThat(guards.guard("flaky").health().breaker()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void limiterRefusal_isRateLimited_withoutCallingTheProvider() {
        fallbacks = Map.of();
        flakyLimit = new ProviderLimiter.Settings(1, 1, Duration.ofMillis(100));
        flaky.answer("one");
        assertThat(run()).isInstanceOf(ChatResult.Answered.class);
        var result = (ChatResult.Failed) run();
        assertThat(result.error().kind()).isEqualTo(ChatError.Kind.RATE_LIMITED);
        assertThat(result.error().message()).contains("limiter").contains("flaky");
        assertThat(flaky.calls).isEqualTo(1);
    }

    @Test
    void aModelsOwnLimit_holdsItsRequests_andTheWaitIsInTheTraceAndTimeline() {
        flakyModelLimits = Map.of("f-1", new ProviderLimiter.Settings(2, 1, 0, 64, Duration.ofSeconds(5)));
        flaky.answer("one").answer("two");
        run();
        var second = (ChatResult.Answered) run();
        var details = second.trace().entry("generate").orElseThrow().details();
        assertThat(details.get("attempt1.queued")).isEqualTo("500 ms");
        assertThat(second.trace().attempts()).singleElement().satisfies(a -> {
            assertThat(a.queued()).isEqualTo(Duration.ofMillis(500));
            assertThat(a.outcome()).isEqualTo("ok");
        });
        assertThat(second.trace().format()).contains("queued  500.0 ms");
    }

    @Test
    void serverRateLimit_halvesTheLimiterRate() {
        flakyLimit = new ProviderLimiter.Settings(10, 10, Duration.ofSeconds(5));
        flaky.fail(new ChatError(ChatError.Kind.RATE_LIMITED, "flaky 429", "later", Duration.ofMillis(10))).answer("ok");
        run();
        // halved on the 429, then one success adds back a twentieth
        assertThat(guards.guard("flaky").limiter().currentRate()).isEqualTo(5.5);
    }

    @Test
    void health_recordsSuccessesFailuresAndMedianLatency() {
        flaky.fail(SERVER).answer("a");
        run();
        var health = guards.guard("flaky").health();
        assertThat(health.successes()).isEqualTo(1);
        assertThat(health.failures()).isEqualTo(1);
        assertThat(health.medianLatency()).isEqualTo(Duration.ZERO);
        assertThat(health.lastError()).contains("500");
        assertThat(guards.health()).extracting(h -> h.provider()).containsExactly("flaky");
    }

    /** A provider at the port boundary playing a script of outcomes. */
    static final class ScriptedProvider implements ChatProvider {
        private final String id;
        private final Deque<Object[]> script = new ArrayDeque<>();
        volatile int calls;

        ScriptedProvider(String id) { this.id = id; }

        ScriptedProvider fail(ChatError e) { script.add(new Object[]{e}); return this; }
        ScriptedProvider answer(String... tokens) { script.add(new Object[]{null, tokens}); return this; }
        ScriptedProvider tokensThenFail(ChatError e, String... tokens) { script.add(new Object[]{e, tokens}); return this; }
        ScriptedProvider thinkingThenFail(ChatError e, String thinking) { script.add(new Object[]{e, new String[0], thinking}); return this; }
        ScriptedProvider answerEnding(FinishReason finish, String... tokens) { script.add(new Object[]{null, tokens, null, finish}); return this; }

        @Override public String id() { return id; }
        @Override public String displayName() { return id; }
        @Override public List<String> models() { return List.of("f-1"); }
        @Override public double defaultTemperature() { return 1.0; }

        @Override
        public ProviderResponse chat(ProviderRequest request, TokenListener tokens, Cancellation cancellation) throws ProviderException {
            calls++;
            Object[] step = script.poll();
            if (step == null) throw new ProviderException(new ChatError(ChatError.Kind.SERVER_ERROR, "script ran out", ""));
            var sent = new CopyOnWriteArrayList<String>();
            if (step.length > 2 && step[2] != null) tokens.onThinking((String) step[2]);
            if (step.length > 1) for (String t : (String[]) step[1]) { tokens.onToken(t); sent.add(t); }
            if (step[0] != null) throw new ProviderException((ChatError) step[0], String.join("", sent), null);
            var finish = step.length > 3 ? (FinishReason) step[3] : FinishReason.STOP;
            return new ProviderResponse(String.join("", sent), new Usage(3, sent.size()), finish);
        }
    }
}
