package dev.cachet.engine.exec;

import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What stands between requests and one provider: its breaker, its retry policy, its limiter (and one
 * per model that has limits of its own), and its health record.
 */
public final class ProviderGuard {

    private static final int WINDOW = 64;

    private final String provider;
    private final CircuitBreaker breaker;
    private final ProviderLimiter limiter;
    private final RetryPolicy retry;
    private final Map<String, ProviderLimiter> modelLimiters = new ConcurrentHashMap<>();
    private final GuardSettings settings;
    private final java.time.InstantSource clock;
    private final Sleeper sleeper;
    private final long[] latencies = new long[WINDOW];
    private int latencyCount;
    private int next;
    private long successes;
    private long failures;
    private String lastError;

    public ProviderGuard(String provider, GuardSettings settings, java.time.InstantSource clock, Sleeper sleeper) {
        this.provider = provider;
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.breaker = new CircuitBreaker(settings.breaker(), clock);
        this.limiter = new ProviderLimiter(settings.limits(), clock, sleeper);
        this.retry = settings.retry();
    }

    public String provider() { return provider; }
    public CircuitBreaker breaker() { return breaker; }
    public ProviderLimiter limiter() { return limiter; }
    public RetryPolicy retry() { return retry; }

    /** The model's own limiter, when it has limits configured; null otherwise. */
    public ProviderLimiter modelLimiter(String model) {
        ProviderLimiter.Settings s = settings.modelLimits().get(model);
        if (s == null) return null;
        return modelLimiters.computeIfAbsent(model, m -> new ProviderLimiter(s, clock, sleeper));
    }

    public synchronized void recordSuccess(Duration latency) {
        successes++;
        latencies[next] = latency.toNanos();
        next = (next + 1) % WINDOW;
        latencyCount = Math.min(WINDOW, latencyCount + 1);
    }

    public synchronized void recordFailure(String oneLine) {
        failures++;
        lastError = oneLine;
    }

    public synchronized ProviderHealth health() {
        Duration median = null;
        if (latencyCount > 0) {
            long[] sorted = Arrays.copyOf(latencies, latencyCount);
            Arrays.sort(sorted);
            median = Duration.ofNanos(latencyCount % 2 == 1 ? sorted[latencyCount / 2]
                    : (sorted[latencyCount / 2 - 1] + sorted[latencyCount / 2]) / 2);
        }
        return new ProviderHealth(provider, breaker.state(), median, successes, failures, breaker.consecutiveFailures(),
                limiter.currentRate(), lastError, limiter.concurrencyLimit(), limiter.inFlight(), limiter.pausedFor(), limiter.queued(),
                lastOf(breaker.transitions(), 8), null);
    }

    private static <T> java.util.List<T> lastOf(java.util.List<T> list, int n) {
        return list.subList(Math.max(0, list.size() - n), list.size());
    }
}
