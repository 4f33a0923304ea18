package dev.cachet.engine.exec;

import java.time.InstantSource;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The generate stage's protections: per-provider guards (breaker, limiter, health), the retry
 * policy, and the time, sleep and randomness they run on (injected: tests use a fake clock).
 */
public record Resilience(ProviderGuards guards, RetryPolicy retry, InstantSource clock, Sleeper sleeper, DoubleSupplier random) {

    /** One attempt, no limiter, a breaker that never opens: the behaviour of a bare provider call. */
    public static Resilience none() {
        InstantSource clock = InstantSource.system();
        Sleeper sleeper = Sleeper.system();
        return new Resilience(new ProviderGuards(id -> TokenBucketLimiter.Settings.UNLIMITED,
                new CircuitBreaker.Settings(Integer.MAX_VALUE, java.time.Duration.ZERO), clock, sleeper),
                RetryPolicy.NONE, clock, sleeper, () -> ThreadLocalRandom.current().nextDouble());
    }
}
