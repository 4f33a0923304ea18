package dev.cachet.engine.exec;

import java.time.Duration;
import java.util.function.DoubleSupplier;

/**
 * How often and how patiently to retry a transient failure against the same provider.
 *
 * @param maxAttempts attempts per provider, the first included
 * @param baseDelay   wait after the first failure; doubles each further failure
 * @param maxDelay    longest single wait (a longer Retry-After means: fall back instead)
 * @param maxTotal    longest a request spends on retries and their waits, per provider
 * @param jitter      share of each wait drawn at random (0 = none, 1 = full jitter)
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay, Duration maxTotal, double jitter) {

    public static final RetryPolicy DEFAULTS = new RetryPolicy(3, Duration.ofMillis(250), Duration.ofSeconds(8),
            Duration.ofSeconds(30), 0.5);

    public static final RetryPolicy NONE = new RetryPolicy(1, Duration.ZERO, Duration.ZERO, Duration.ZERO, 0);

    public RetryPolicy {
        if (maxAttempts < 1) throw new IllegalArgumentException("retry.maxAttempts must be at least 1, was " + maxAttempts);
        if (jitter < 0 || jitter > 1) throw new IllegalArgumentException("retry.jitter must be within 0..1, was " + jitter);
        if (baseDelay.isNegative() || maxDelay.isNegative() || maxTotal.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
    }

    /**
     * The wait before the next attempt after {@code failures} failed ones: exponential with jitter,
     * never shorter than the server's Retry-After. May exceed {@link #maxDelay()}: the caller then
     * gives up on this provider.
     */
    public Duration backoff(int failures, Duration retryAfter, DoubleSupplier random) {
        double exp = baseDelay.toNanos() * Math.pow(2, Math.max(0, failures - 1));
        double capped = Math.min(exp, maxDelay.toNanos());
        long nanos = (long) (capped * (1 - jitter + jitter * random.getAsDouble()));
        Duration wait = Duration.ofNanos(nanos);
        return retryAfter != null && retryAfter.compareTo(wait) > 0 ? retryAfter : wait;
    }
}
