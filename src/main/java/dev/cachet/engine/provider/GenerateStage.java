package dev.cachet.engine.provider;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.exec.ProviderGuard;
import dev.cachet.engine.exec.Resilience;
import dev.cachet.engine.exec.ProviderLimiter;
import dev.cachet.engine.exec.RetryPolicy;
import dev.cachet.engine.provider.http.RateLimits;
import dev.cachet.engine.trace.Attempt;
import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
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
        List<FallbackChain.Link> links = fallbacks.chain(ctx.model());
        for (FallbackChain.Link link : links) {
            if (link.target() == null) {
                details.put("fallback" + (++hop), link.unusable());
                continue;
            }
            ResolvedModel target = link.target();
            if (last != null) details.put("fallback" + (++hop), "to " + target.ref() + " after " + describe(last));
            Outcome outcome = callWithRetries(ctx, target, streamed, details, attempts, hasNext(links, link));
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

    /** Whether a usable target follows {@code link} in the chain. */
    private static boolean hasNext(List<FallbackChain.Link> links, FallbackChain.Link link) {
        for (int i = links.indexOf(link) + 1; i < links.size(); i++) if (links.get(i).target() != null) return true;
        return false;
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
                                    Map<String, String> details, AtomicInteger attempts, boolean canFailOver) throws InterruptedException {
        ProviderGuard guard = resilience.guards().guard(target.ref().provider());
        RetryPolicy retry = guard.retry();
        ProviderLimiter modelLimiter = guard.modelLimiter(target.ref().model());
        Instant firstStart = resilience.clock().instant();
        var params = ctx.request().params();
        // The complexity stage's answer budget, for requests that set none; the request itself keeps "none".
        if (params.maxTokens() == null) params = ctx.get(ProviderRequest.MAX_TOKENS_BUDGET).map(params::withMaxTokens).orElse(params);
        var request = new ProviderRequest(target.ref().model(), ctx.request().messages(), params,
                ctx.get(ProviderRequest.CONTEXT_WINDOW).orElse(null));
        long estimate = estimateTokens(request);
        int failures = 0;
        int rateLimited = 0;
        while (true) {
            ctx.cancellation().throwIfCancelled();
            String label = "attempt" + (attempts.get() + 1);
            Instant attemptStart = resilience.clock().instant();
            if (!guard.breaker().tryPass()) {
                attempts.incrementAndGet();
                var error = new ChatError(ChatError.Kind.SERVER_ERROR, "not calling " + target.provider().displayName()
                        + ": circuit open after " + guard.breaker().consecutiveFailures() + " consecutive failures",
                        "next probe in " + ChatErrorTranslator.seconds(roundUp(guard.breaker().coolDownLeft())));
                details.put(label, target.ref() + " skipped: circuit open");
                timeline(ctx, target, attemptStart, Duration.ZERO, Duration.ZERO, "skipped: circuit open");
                return new Outcome.GaveUp(error);
            }
            Admission admission = admit(ctx, modelLimiter, guard.limiter(), estimate);
            Permits permits;
            switch (admission) {
                case Admission.Refused r -> {
                    guard.breaker().onNeutral();
                    attempts.incrementAndGet();
                    details.put(label, target.ref() + " refused by the limiter after " + millis(r.waited()) + " waiting for " + r.why());
                    timeline(ctx, target, attemptStart, r.waited(), Duration.ZERO, "refused by the limiter: " + r.why());
                    return new Outcome.GaveUp(new ChatError(ChatError.Kind.RATE_LIMITED, "limiter: no slot for provider '"
                            + target.ref().provider() + "' within " + millis(guard.limiter().settings().maxWait()) + " (waiting for " + r.why() + ")",
                            "retry later, or raise the provider's limits or maxWait", null));
                }
                case Admission.Cancelled c -> {
                    guard.breaker().onNeutral();
                    details.put(label + ".queued", millis(c.waited()) + " (cancelled while queued)");
                    throw new Cancellation.CancelledException();
                }
                case Admission.Admitted a -> {
                    permits = a.permits();
                    if (a.waited().isPositive()) details.put(label + ".queued", millis(a.waited()));
                }
            }
            attempts.incrementAndGet();
            Instant start = resilience.clock().instant();
            Duration queued = Duration.between(attemptStart, start);
            try {
                ProviderResponse response = target.provider().chat(request, streamed, ctx.cancellation());
                Duration latency = Duration.between(start, resilience.clock().instant());
                permits.success(response.usage().inputTokens() + (long) response.usage().outputTokens(), response.rateLimits());
                guard.breaker().onSuccess();
                guard.recordSuccess(latency);
                details.put(label, target.ref() + " ok in " + millis(latency));
                timeline(ctx, target, attemptStart, queued, latency, "ok");
                return new Outcome.Answered(response);
            } catch (ProviderException e) {
                ChatError error = e.error();
                Duration serverWait = error.retryAfter() != null ? error.retryAfter() : e.rateLimits().waitForExhausted();
                if (error.kind() == ChatError.Kind.RATE_LIMITED) permits.dropped(serverWait, e.rateLimits()); else permits.ignore();
                if (countsAgainstHealth(error.kind())) guard.breaker().onFailure(); else guard.breaker().onNeutral();
                guard.recordFailure(error.oneLine());
                details.put(label, target.ref() + " " + describe(error));
                timeline(ctx, target, attemptStart, queued, Duration.between(start, resilience.clock().instant()), describe(error));
                if (streamed.count() > 0) return new Outcome.Broken(error, e.partialText());
                if (!error.kind().transientFailure()) return new Outcome.GaveUp(error);
                if (error.kind() == ChatError.Kind.TIMEOUT && canFailOver) {
                    // No first token in time: the next provider in the chain, at once; the late stream is already closed.
                    details.put(label + ".failover", "no first token in time: not retried here, the next provider takes it");
                    return new Outcome.GaveUp(error);
                }
                boolean rate = error.kind() == ChatError.Kind.RATE_LIMITED;
                if (rate) rateLimited++; else failures++;
                if (failures >= retry.maxAttempts() || rateLimited > retry.maxAttempts() + MAX_EXTRA_RATE_RETRIES) {
                    return new Outcome.GaveUp(error);
                }
                // A 429 with a wait the server named: the limiter holds every request until then; else back off here.
                Duration wait = rate && serverWait != null ? serverWait : retry.backoff(rate ? rateLimited : failures, serverWait, resilience.random());
                if (wait.compareTo(retry.maxDelay()) > 0) {
                    details.put(label + ".retry", "not retried: server asks to wait " + millis(wait) + ", more than maxDelay " + millis(retry.maxDelay()));
                    return new Outcome.GaveUp(error);
                }
                Duration spent = Duration.between(firstStart, resilience.clock().instant());
                if (spent.plus(wait).compareTo(retry.maxTotal()) > 0) {
                    details.put(label + ".retry", "not retried: would exceed the retry budget of " + millis(retry.maxTotal()));
                    return new Outcome.GaveUp(error);
                }
                details.put(label + ".retry", "retrying in " + millis(wait) + (rate && serverWait != null ? " (the limiter holds requests to this provider until then)" : ""));
                if (!(rate && serverWait != null)) sleep(wait, ctx.cancellation());
            } catch (Cancellation.CancelledException e) {
                permits.ignore();
                guard.breaker().onNeutral();
                throw e;
            } catch (RuntimeException e) {
                permits.ignore();
                guard.breaker().onFailure();
                guard.recordFailure(e.toString());
                throw e;
            }
        }
    }

    /** Rate-limit refusals retried beyond maxAttempts: the limiter spaces them, the retry budget bounds them. */
    private static final int MAX_EXTRA_RATE_RETRIES = 5;

    /** What a call may use: its input estimated, its output at most its max tokens (or a typical answer). */
    private static long estimateTokens(ProviderRequest request) {
        Integer max = request.params().maxTokens();
        return SimulatorProvider.estimateTokens(request.messages()) + (max != null ? max : TYPICAL_ANSWER_TOKENS);
    }

    private static final int TYPICAL_ANSWER_TOKENS = 256;

    private void timeline(RequestContext ctx, ResolvedModel target, Instant attemptStart, Duration queued, Duration call, String outcome) {
        Duration offset = Duration.between(ctx.trace().startedAt(), attemptStart);
        ctx.trace().attempt(new Attempt(target.ref().toString(), offset.isNegative() ? Duration.ZERO : offset, queued, call, outcome));
    }

    /** The model's limiter (when it has one), then the provider's: both or neither. */
    private static Admission admit(RequestContext ctx, ProviderLimiter model, ProviderLimiter provider, long estimate)
            throws InterruptedException {
        java.util.function.BooleanSupplier cancelled = ctx.cancellation()::isCancelled;
        ProviderLimiter.Permit first = null;
        Duration waited = Duration.ZERO;
        if (model != null) {
            switch (model.acquire(estimate, cancelled)) {
                case ProviderLimiter.Admission.Admitted a -> {
                    first = a.permit();
                    waited = a.waited();
                }
                case ProviderLimiter.Admission.Refused r -> { return new Admission.Refused(r.waited(), "the model's " + r.why()); }
                case ProviderLimiter.Admission.Cancelled c -> { return new Admission.Cancelled(c.waited()); }
            }
        }
        return switch (provider.acquire(estimate, cancelled)) {
            case ProviderLimiter.Admission.Admitted a -> new Admission.Admitted(new Permits(first, a.permit()), waited.plus(a.waited()));
            case ProviderLimiter.Admission.Refused r -> {
                if (first != null) first.ignore();
                yield new Admission.Refused(waited.plus(r.waited()), r.why());
            }
            case ProviderLimiter.Admission.Cancelled c -> {
                if (first != null) first.ignore();
                yield new Admission.Cancelled(waited.plus(c.waited()));
            }
        };
    }

    private sealed interface Admission {
        record Admitted(Permits permits, Duration waited) implements Admission { }
        record Refused(Duration waited, String why) implements Admission { }
        record Cancelled(Duration waited) implements Admission { }
    }

    /** The model's permit (or null) and the provider's, reported together. */
    private record Permits(ProviderLimiter.Permit model, ProviderLimiter.Permit provider) {
        void success(long tokens, RateLimits limits) {
            if (model != null) model.success(tokens, RateLimits.NONE);
            provider.success(tokens, limits);
        }

        void dropped(Duration retryAfter, RateLimits limits) {
            if (model != null) model.dropped(retryAfter, RateLimits.NONE);
            provider.dropped(retryAfter, limits);
        }

        void ignore() {
            if (model != null) model.ignore();
            provider.ignore();
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
