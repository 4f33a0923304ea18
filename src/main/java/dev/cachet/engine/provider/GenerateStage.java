package dev.cachet.engine.provider;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.exec.ProviderGuard;
import dev.cachet.engine.exec.Resilience;
import dev.cachet.engine.exec.TokenBucketLimiter;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The terminal stage: calls the resolved provider and streams its tokens to the caller, behind the
 * provider's circuit breaker and rate limiter, retrying transient failures with backoff and then
 * falling back along the configured chain. Once a token has reached the caller nothing is retried:
 * a broken stream is a failure with its partial text. Every attempt is in the trace details.
 */
public final class GenerateStage implements Stage {

    private static final Duration SLEEP_SLICE = Duration.ofMillis(50);

    private final PriceTable prices;
    private final Resilience resilience;
    private final FallbackChain fallbacks;

    /** One attempt, no fallback, no limits. */
    public GenerateStage(PriceTable prices) { this(prices, Resilience.none(), FallbackChain.none()); }

    public GenerateStage(PriceTable prices, Resilience resilience, FallbackChain fallbacks) {
        this.prices = prices;
        this.resilience = resilience;
        this.fallbacks = fallbacks;
    }

    @Override public String name() { return "generate"; }

    @Override
    public StageResult process(RequestContext ctx) throws InterruptedException {
        var streamed = new CountingListener(ctx.tokens());
        var details = new LinkedHashMap<String, String>();
        var attempts = new AtomicInteger();
        ChatError last = null;
        int hop = 0;
        for (FallbackChain.Link link : fallbacks.chain(ctx.model())) {
            if (link.target() == null) {
                details.put("fallback" + (++hop), link.unusable());
                continue;
            }
            ResolvedModel target = link.target();
            if (last != null) details.put("fallback" + (++hop), "to " + target.ref() + " after " + describe(last));
            Outcome outcome = callWithRetries(ctx, target, streamed, details, attempts);
            switch (outcome) {
                case Outcome.Answered a -> {
                    details.put("provider", target.ref().provider());
                    details.put("model", target.ref().model());
                    details.put("attempts", Integer.toString(attempts.get()));
                    var response = a.response();
                    details.putAll(response.details());
                    if (!response.thinking().isEmpty()) details.put("thinking", response.thinking().length() + " characters (not part of the answer)");
                    double cost = prices.cost(target.ref(), response.usage());
                    String via = attempts.get() > 1 ? " (attempt " + attempts.get() + (hop > 0 ? ", after fallback" : "") + ")" : "";
                    boolean cacheable = response.finish().cacheable(ctx.request().params());
                    details.put("cacheable", Boolean.toString(cacheable));
                    String kept = cacheable ? "" : " — not cached";
                    if (!response.thinking().isEmpty()) kept = " after thinking" + kept;
                    var note = new StageResult.Note("called", target.provider().displayName() + " " + target.ref().model()
                            + " finished: " + response.finish().label() + kept + via,
                            response.usage().inputTokens(), response.usage().outputTokens(), cost, details);
                    return new StageResult.Answer(note, response.text(), AnswerSource.MODEL, target.ref(), response.usage(),
                            response.finish(), true);
                }
                case Outcome.Broken b -> {
                    details.put("attempts", Integer.toString(attempts.get()));
                    return new StageResult.Fail(StageResult.Note.of("failed", b.error().oneLine()
                            + " (after " + streamed.count() + " streamed tokens; not retried)", details), b.error(), b.partialText());
                }
                case Outcome.GaveUp g -> last = g.error();
            }
        }
        details.put("attempts", Integer.toString(attempts.get()));
        ChatError error = last != null ? last : new ChatError(ChatError.Kind.INTERNAL, "no provider to call", "check the fallback configuration");
        return new StageResult.Fail(StageResult.Note.of("failed", error.oneLine(), details), error, "");
    }

    /** How calling one target ended. */
    private sealed interface Outcome {
        record Answered(ProviderResponse response) implements Outcome { }
        /** Failed after tokens reached the caller: final. */
        record Broken(ChatError error, String partialText) implements Outcome { }
        /** Failed before any token: the next target may try. */
        record GaveUp(ChatError error) implements Outcome { }
    }

    private Outcome callWithRetries(RequestContext ctx, ResolvedModel target, CountingListener streamed,
                                    Map<String, String> details, AtomicInteger attempts) throws InterruptedException {
        ProviderGuard guard = resilience.guards().guard(target.ref().provider());
        var retry = resilience.retry();
        Instant firstStart = resilience.clock().instant();
        var params = ctx.request().params();
        // The complexity stage's answer budget, for requests that set none; the request itself keeps "none".
        if (params.maxTokens() == null) params = ctx.get(ProviderRequest.MAX_TOKENS_BUDGET).map(params::withMaxTokens).orElse(params);
        var request = new ProviderRequest(target.ref().model(), ctx.request().messages(), params,
                ctx.get(ProviderRequest.CONTEXT_WINDOW).orElse(null));
        for (int attempt = 1; ; attempt++) {
            ctx.cancellation().throwIfCancelled();
            String label = "attempt" + (attempts.get() + 1);
            if (!guard.breaker().tryPass()) {
                attempts.incrementAndGet();
                var error = new ChatError(ChatError.Kind.SERVER_ERROR, "not calling " + target.provider().displayName()
                        + ": circuit open after " + guard.breaker().consecutiveFailures() + " consecutive failures",
                        "next probe in " + ChatErrorTranslator.seconds(roundUp(guard.breaker().coolDownLeft())));
                details.put(label, target.ref() + " skipped: circuit open");
                return new Outcome.GaveUp(error);
            }
            TokenBucketLimiter.Permit permit;
            switch (guard.limiter().acquire()) {
                case TokenBucketLimiter.Admission.Refused r -> {
                    guard.breaker().onNeutral();
                    attempts.incrementAndGet();
                    var settings = guard.limiter().settings();
                    details.put(label, target.ref() + " refused by the rate limiter (a slot in " + millis(r.wouldWait()) + ")");
                    return new Outcome.GaveUp(new ChatError(ChatError.Kind.RATE_LIMITED, "rate limiter: provider '"
                            + target.ref().provider() + "' is at its limit (" + String.format(Locale.ROOT, "%.2f", guard.limiter().currentRate())
                            + " requests/s now); the next slot is " + millis(r.wouldWait()) + " away, more than the "
                            + millis(settings.maxWait()) + " a request may wait", "retry later or raise requestsPerSecond", r.wouldWait()));
                }
                case TokenBucketLimiter.Admission.Admitted a -> {
                    permit = a.permit();
                    if (a.waited().isPositive()) details.put(label + ".queued", millis(a.waited()));
                }
            }
            attempts.incrementAndGet();
            Instant start = resilience.clock().instant();
            try {
                ProviderResponse response = target.provider().chat(request, streamed, ctx.cancellation());
                Duration latency = Duration.between(start, resilience.clock().instant());
                permit.success();
                guard.breaker().onSuccess();
                guard.recordSuccess(latency);
                details.put(label, target.ref() + " ok in " + millis(latency));
                return new Outcome.Answered(response);
            } catch (ProviderException e) {
                ChatError error = e.error();
                if (error.kind() == ChatError.Kind.RATE_LIMITED) permit.dropped(); else permit.ignore();
                if (countsAgainstHealth(error.kind())) guard.breaker().onFailure(); else guard.breaker().onNeutral();
                guard.recordFailure(error.oneLine());
                details.put(label, target.ref() + " " + describe(error));
                if (streamed.count() > 0) return new Outcome.Broken(error, e.partialText());
                if (!error.kind().transientFailure() || attempt >= retry.maxAttempts()) return new Outcome.GaveUp(error);
                Duration wait = retry.backoff(attempt, error.retryAfter(), resilience.random());
                if (wait.compareTo(retry.maxDelay()) > 0) {
                    details.put(label + ".retry", "not retried: server asks to wait " + millis(wait) + ", more than maxDelay " + millis(retry.maxDelay()));
                    return new Outcome.GaveUp(error);
                }
                Duration spent = Duration.between(firstStart, resilience.clock().instant());
                if (spent.plus(wait).compareTo(retry.maxTotal()) > 0) {
                    details.put(label + ".retry", "not retried: would exceed the retry budget of " + millis(retry.maxTotal()));
                    return new Outcome.GaveUp(error);
                }
                details.put(label + ".retry", "retrying in " + millis(wait));
                sleep(wait, ctx.cancellation());
            } catch (Cancellation.CancelledException e) {
                permit.ignore();
                guard.breaker().onNeutral();
                throw e;
            } catch (RuntimeException e) {
                permit.ignore();
                guard.breaker().onFailure();
                guard.recordFailure(e.toString());
                throw e;
            }
        }
    }

    /** Failures that say the provider is unwell; a bad key or model says nothing about its health. */
    private static boolean countsAgainstHealth(ChatError.Kind kind) {
        return kind == ChatError.Kind.SERVER_ERROR || kind == ChatError.Kind.TIMEOUT || kind == ChatError.Kind.UNREACHABLE
                || kind == ChatError.Kind.INCOMPLETE;
    }

    private void sleep(Duration wait, Cancellation cancellation) throws InterruptedException {
        Duration left = wait;
        while (left.isPositive()) {
            cancellation.throwIfCancelled();
            Duration slice = left.compareTo(SLEEP_SLICE) < 0 ? left : SLEEP_SLICE;
            resilience.sleeper().sleep(slice);
            left = left.minus(slice);
        }
        cancellation.throwIfCancelled();
    }

    private static String describe(ChatError error) {
        return error.kind().name() + ": " + error.message();
    }

    private static Duration roundUp(Duration d) {
        long s = (d.toMillis() + 999) / 1000;
        return Duration.ofSeconds(s);
    }

    private static String millis(Duration d) { return d.toMillis() + " ms"; }

    /** Counts the tokens that reached the caller: after the first, nothing may be retried. */
    private static final class CountingListener implements TokenListener {
        private final TokenListener delegate;
        private final AtomicInteger count = new AtomicInteger();

        CountingListener(TokenListener delegate) { this.delegate = delegate; }

        @Override public void onToken(String token) {
            count.incrementAndGet();
            delegate.onToken(token);
        }

        /** Thinking reached the caller too: a retry would show it twice. */
        @Override public void onThinking(String text) {
            count.incrementAndGet();
            delegate.onThinking(text);
        }

        int count() { return count.get(); }
    }
}
