package dev.cachet.engine.exec;

import java.time.Duration;
import java.util.Arrays;

/** What stands between requests and one provider: its breaker, its limiter, and its health record. */
public final class ProviderGuard {

    private static final int WINDOW = 64;

    private final String provider;
    private final CircuitBreaker breaker;
    private final TokenBucketLimiter limiter;
    private final long[] latencies = new long[WINDOW];
    private int latencyCount;
    private int next;
    private long successes;
    private long failures;
    private String lastError;

    public ProviderGuard(String provider, CircuitBreaker breaker, TokenBucketLimiter limiter) {
        this.provider = provider;
        this.breaker = breaker;
        this.limiter = limiter;
    }

    public CircuitBreaker breaker() { return breaker; }
    public TokenBucketLimiter limiter() { return limiter; }

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
                limiter.currentRate(), lastError);
    }
}
