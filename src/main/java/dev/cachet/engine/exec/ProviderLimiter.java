package dev.cachet.engine.exec;

import dev.cachet.engine.provider.http.RateLimits;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.function.BooleanSupplier;

/**
 * The limits in front of one provider (or one model of it): requests per second (a token bucket whose
 * rate adapts, AIMD: a 429 halves it, each success adds back a twentieth), tokens per minute (input
 * plus output, reserved from an estimate and settled with the real usage), and a concurrency limit
 * that adapts the same way. What the server says is followed too: a {@code Retry-After} (or an
 * exhausted {@code x-ratelimit-*} / {@code anthropic-ratelimit-*} budget) pauses every request until
 * then, and a budget running low spreads what is left over the time until its reset, so the limiter
 * slows down before the quota runs out instead of after the 429.
 *
 * <p>Callers wait in a queue of at most {@code maxWait}; the wait is cancellable and reported with
 * the permit, so the trace shows it.
 */
public final class ProviderLimiter {

    /**
     * @param requestsPerSecond configured rate; 0 = no client-side rate (the server's headers still count)
     * @param burst             requests allowed at once after a quiet spell
     * @param tokensPerMinute   input + output tokens a minute; 0 = no budget
     * @param maxConcurrency    most requests in flight; the adaptive limit stays within 1..this
     * @param maxWait           longest a request queues for a slot before it is refused
     */
    public record Settings(double requestsPerSecond, int burst, long tokensPerMinute, int maxConcurrency, Duration maxWait) {
        public static final int DEFAULT_CONCURRENCY = 64;
        public static final Duration DEFAULT_MAX_WAIT = Duration.ofSeconds(30);
        public static final Settings UNLIMITED = new Settings(0, 1, 0, DEFAULT_CONCURRENCY, DEFAULT_MAX_WAIT);

        public Settings {
            if (requestsPerSecond < 0 || Double.isNaN(requestsPerSecond) || Double.isInfinite(requestsPerSecond)) {
                throw new IllegalArgumentException("requestsPerSecond must be a number of at least 0, was " + requestsPerSecond);
            }
            if (burst < 1) throw new IllegalArgumentException("burst must be at least 1, was " + burst);
            if (tokensPerMinute < 0) throw new IllegalArgumentException("tokensPerMinute must not be negative, was " + tokensPerMinute);
            if (maxConcurrency < 1) throw new IllegalArgumentException("maxConcurrency must be at least 1, was " + maxConcurrency);
            if (maxWait == null || maxWait.isNegative()) throw new IllegalArgumentException("maxWait must not be negative");
        }

        public Settings(double requestsPerSecond, int burst, Duration maxWait) {
            this(requestsPerSecond, burst, 0, DEFAULT_CONCURRENCY, maxWait);
        }

        public boolean rateLimited() { return requestsPerSecond > 0; }
    }

    /** Outcome of asking for a slot. */
    public sealed interface Admission {
        record Admitted(Permit permit, Duration waited) implements Admission { }
        /** No slot within maxWait; nothing was taken. */
        record Refused(Duration waited, String why) implements Admission { }
        /** The caller cancelled while it waited; nothing was taken. */
        record Cancelled(Duration waited) implements Admission { }
    }

    /** Report how the call went; the first report counts. Always report: the permit holds a concurrency slot. */
    public interface Permit {
        /** Answered: {@code tokensUsed} settles the token budget; the headers adjust the pace. */
        void success(long tokensUsed, RateLimits limits);
        /** The server refused for rate (429, overloaded): slow down, and wait {@code retryAfter} (may be null). */
        void dropped(Duration retryAfter, RateLimits limits);
        /** The outcome says nothing about rate (errors, cancellation). */
        void ignore();
    }

    /** The slice a waiting request sleeps before it checks again (and whether it was cancelled). */
    private static final Duration SLICE = Duration.ofMillis(20);
    private static final Duration MIN_SLEEP = Duration.ofMillis(1);
    /** Refills are sums of doubles: "one token after 500 ms" may come out as 0.9999999999. */
    private static final double EPSILON = 1e-6;
    private static final double MIN_SHARE = 1.0 / 32;
    private static final double INCREASE_SHARE = 1.0 / 20;
    /** A budget with less than this share left (or fewer than {@link #LOW_FLOOR}) is paced until its reset. */
    private static final double LOW_SHARE = 0.2;
    private static final long LOW_FLOOR = 2;

    private final Settings settings;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private double rate;
    private double tokens;
    private Instant refilledAt;
    private double tokenBudget;
    private double concurrencyLimit;
    private int inFlight;
    private Instant pausedUntil = Instant.MIN;
    private String pauseReason = "";
    /** Server-driven pacing: at most one request per {@code paceGap} until {@code paceUntil}. */
    private Duration paceGap = Duration.ZERO;
    private Instant paceUntil = Instant.MIN;
    private Instant lastAdmitted = Instant.MIN;
    /** Tokens the server said are left until {@code serverTokensReset}; -1 = unknown. */
    private long serverTokens = -1;
    private Instant serverTokensReset = Instant.MIN;
    private long waitedTotalNanos;
    /** Callers waiting, in arrival order. */
    private final java.util.ArrayDeque<Object> queue = new java.util.ArrayDeque<>();
    private final Wakeups wakeups = new Wakeups();
    private long refused;

    public ProviderLimiter(Settings settings, InstantSource clock, Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.rate = settings.requestsPerSecond();
        this.tokens = settings.burst();
        this.tokenBudget = settings.tokensPerMinute();
        this.concurrencyLimit = settings.maxConcurrency();
        this.refilledAt = clock.instant();
    }

    public Settings settings() { return settings; }

    /**
     * Waits for a slot for a call expected to use {@code estimatedTokens} (input + output); refused when
     * none comes within {@code maxWait}. {@code cancelled} is checked between waits.
     */
    public Admission acquire(long estimatedTokens, BooleanSupplier cancelled) throws InterruptedException {
        Instant start = clock.instant();
        Object me = new Object();
        synchronized (this) {
            queue.addLast(me);
        }
        try {
            while (true) {
                Duration wait;
                long seen = wakeups.generation();
                synchronized (this) {
                    Instant now = clock.instant();
                    refill(now);
                    // First come, first served: only the head of the queue may take a slot, so no caller starves.
                    Blocker b = queue.peekFirst() == me ? blocker(now, estimatedTokens)
                            : new Blocker(SLICE, false, "the requests queued ahead (" + queue.size() + " waiting)");
                    if (b == null) {
                        take(now, estimatedTokens);
                        Duration waited = Duration.between(start, now);
                        waitedTotalNanos += waited.toNanos();
                        return new Admission.Admitted(new LimitPermit(estimatedTokens), waited);
                    }
                    wait = b.delay();
                    Duration waited = Duration.between(start, now);
                    if (waited.plus(b.knownWait() ? wait : Duration.ZERO).compareTo(settings.maxWait()) > 0) {
                        refused++;
                        return new Admission.Refused(waited, b.why());
                    }
                }
                if (cancelled.getAsBoolean()) return new Admission.Cancelled(Duration.between(start, clock.instant()));
                // At least a millisecond: a wait that rounds to nothing would spin.
                Duration nap = wait.compareTo(SLICE) > 0 ? SLICE : wait.compareTo(MIN_SLEEP) < 0 ? MIN_SLEEP : wait;
                if (sleeper == Sleeper.SYSTEM) {
                    // Woken early when a slot frees or the head of the queue moves on: polling alone admitted one
                    // caller per slice, so a queue that formed once never drained (about 100 admissions/s).
                    wakeups.await(seen, nap);
                } else {
                    sleeper.sleep(nap);
                }
            }
        } finally {
            synchronized (this) {
                queue.remove(me);
                wakeups.signal();
            }
        }
    }

    /** What keeps a request from going now, and for how long (unknown for a concurrency slot). */
    private record Blocker(Duration delay, boolean knownWait, String why) { }

    private Blocker blocker(Instant now, long estimatedTokens) {
        if (now.isBefore(pausedUntil)) return new Blocker(Duration.between(now, pausedUntil), true, pauseReason);
        if (now.isBefore(paceUntil) && now.isBefore(lastAdmitted.plus(paceGap))) {
            return new Blocker(Duration.between(now, lastAdmitted.plus(paceGap)), true,
                    "the server's budget is low: one request every " + paceGap.toMillis() + " ms until it resets");
        }
        if (serverTokens >= 0 && now.isBefore(serverTokensReset) && estimatedTokens > serverTokens) {
            return new Blocker(Duration.between(now, serverTokensReset), true, "the server's token budget is spent until it resets");
        }
        if (settings.rateLimited() && tokens < 1 - EPSILON) {
            return new Blocker(seconds((1 - tokens) / rate), true,
                    String.format(java.util.Locale.ROOT, "the rate limit (%.2f requests/s now)", rate));
        }
        if (settings.tokensPerMinute() > 0) {
            double need = Math.min(estimatedTokens, settings.tokensPerMinute());
            if (tokenBudget < need - EPSILON) {
                double perSecond = settings.tokensPerMinute() / 60.0;
                return new Blocker(seconds((need - tokenBudget) / perSecond), true,
                        "the token budget (" + settings.tokensPerMinute() + " tokens/min)");
            }
        }
        if (inFlight >= (int) concurrencyLimit) {
            return new Blocker(SLICE, false, "the concurrency limit (" + (int) concurrencyLimit + " in flight)");
        }
        return null;
    }

    /** A wait in whole microseconds, rounded up (and float noise under a nanosecond a microsecond dropped first). */
    private static Duration seconds(double s) {
        return Duration.ofNanos((long) Math.ceil(s * 1e6 - 1e-3) * 1_000);
    }

    private void take(Instant now, long estimatedTokens) {
        if (settings.rateLimited()) tokens -= 1;
        if (settings.tokensPerMinute() > 0) tokenBudget -= Math.min(estimatedTokens, settings.tokensPerMinute());
        if (serverTokens >= 0 && now.isBefore(serverTokensReset)) serverTokens = Math.max(0, serverTokens - estimatedTokens);
        inFlight++;
        lastAdmitted = now;
    }

    private void refill(Instant now) {
        double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
        if (seconds <= 0) return;
        if (settings.rateLimited()) tokens = Math.min(settings.burst(), tokens + seconds * rate);
        if (settings.tokensPerMinute() > 0) {
            tokenBudget = Math.min(settings.tokensPerMinute(), tokenBudget + seconds * settings.tokensPerMinute() / 60.0);
        }
        refilledAt = now;
    }

    /** Follows what the server's headers say: pause on an exhausted budget, pace a low one until its reset. */
    private void follow(RateLimits limits, Instant now) {
        for (RateLimits.Budget b : limits.budgets()) {
            if (b.remaining() == null || b.resetIn() == null) continue;
            Instant reset = now.plus(b.resetIn());
            if (b.name().contains("token")) {
                if (serverTokens < 0 || !now.isBefore(serverTokensReset) || b.remaining() < serverTokens) {
                    serverTokens = b.remaining();
                    serverTokensReset = reset;
                }
                continue;
            }
            // OpenAI and Anthropic refill continuously: "reset" is when the whole limit is back, so one
            // request's share of it is reset / limit (without a limit, what is left spread until the reset).
            boolean limitKnown = b.limit() != null && b.limit() > 0;
            Duration perRequest = limitKnown ? b.resetIn().dividedBy(b.limit()) : b.resetIn().dividedBy(b.remaining() + 1);
            if (b.exhausted()) {
                pause(limitKnown ? now.plus(perRequest) : reset, "the server's " + b.name() + " budget is spent");
            }
            // Spent or low: one request per share of the refill until the reset, not all the queued ones when a pause ends.
            if ((b.exhausted() || low(b)) && (!now.isBefore(paceUntil) || perRequest.compareTo(paceGap) > 0)) {
                paceGap = perRequest;
                paceUntil = reset;
            }
        }
    }

    private static boolean low(RateLimits.Budget b) {
        return b.remaining() <= LOW_FLOOR || (b.limit() != null && b.limit() > 0 && b.remaining() < b.limit() * LOW_SHARE);
    }

    private void pause(Instant until, String why) {
        if (until.isAfter(pausedUntil)) {
            pausedUntil = until;
            pauseReason = why;
        }
    }

    private synchronized void onSuccess(long estimated, long used, RateLimits limits) {
        Instant now = clock.instant();
        refill(now);
        inFlight--;
        if (settings.tokensPerMinute() > 0) {
            tokenBudget = Math.min(settings.tokensPerMinute(), tokenBudget + Math.min(estimated, settings.tokensPerMinute()) - used);
        }
        if (settings.rateLimited()) rate = Math.min(settings.requestsPerSecond(), rate + settings.requestsPerSecond() * INCREASE_SHARE);
        concurrencyLimit = Math.min(settings.maxConcurrency(), concurrencyLimit + 1 / concurrencyLimit);
        follow(limits, now);
        wakeups.signal();
    }

    private synchronized void onDropped(Duration retryAfter, RateLimits limits) {
        Instant now = clock.instant();
        refill(now);
        inFlight--;
        if (settings.rateLimited()) {
            rate = Math.max(settings.requestsPerSecond() * MIN_SHARE, rate / 2);
            tokens = Math.min(tokens, 0);
        }
        concurrencyLimit = Math.max(1, concurrencyLimit / 2);
        if (retryAfter != null && retryAfter.isPositive()) pause(now.plus(retryAfter), "the server asked to wait (Retry-After)");
        follow(limits, now);
        wakeups.signal();
    }

    private synchronized void onIgnored() {
        inFlight--;
        wakeups.signal();
    }

    /** The current (adapted) rate in requests per second; 0 = no client-side rate. */
    public synchronized double currentRate() { return settings.rateLimited() ? rate : 0; }

    /** The adapted concurrency limit. */
    public synchronized int concurrencyLimit() { return (int) concurrencyLimit; }

    public synchronized int inFlight() { return inFlight; }

    /** Callers waiting for a slot now. */
    public synchronized int queued() { return queue.size(); }

    /** Time left before the server said requests may go again; zero when not paused. */
    public synchronized Duration pausedFor() {
        Instant now = clock.instant();
        return now.isBefore(pausedUntil) ? Duration.between(now, pausedUntil) : Duration.ZERO;
    }

    /** Total time requests waited here, and how many were refused: figures for the dashboard. */
    public synchronized Duration waitedTotal() { return Duration.ofNanos(waitedTotalNanos); }

    public synchronized long refused() { return refused; }

    private final class LimitPermit implements Permit {
        private final long estimated;
        private boolean reported;

        LimitPermit(long estimated) { this.estimated = estimated; }

        private synchronized boolean first() {
            if (reported) return false;
            reported = true;
            return true;
        }

        @Override public void success(long tokensUsed, RateLimits limits) {
            if (first()) onSuccess(estimated, tokensUsed, limits == null ? RateLimits.NONE : limits);
        }

        @Override public void dropped(Duration retryAfter, RateLimits limits) {
            if (first()) onDropped(retryAfter, limits == null ? RateLimits.NONE : limits);
        }

        @Override public void ignore() { if (first()) onIgnored(); }
    }
}
