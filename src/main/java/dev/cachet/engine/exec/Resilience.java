package dev.cachet.engine.exec;

import java.time.InstantSource;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;

/**
 * The generate stage's protections: per-provider guards (breaker, limits, retry policy, health), and
 * the time, sleep and randomness they run on (injected: tests use a fake clock).
 */
public record Resilience(ProviderGuards guards, InstantSource clock, Sleeper sleeper, DoubleSupplier random) {

    /** One attempt, no limits, a breaker that never opens: the behaviour of a bare provider call. */
    public static Resilience none() {
        InstantSource clock = InstantSource.system();
        Sleeper sleeper = Sleeper.system();
        var settings = new GuardSettings(ProviderLimiter.Settings.UNLIMITED, Map.of(),
                new CircuitBreaker.Settings(Integer.MAX_VALUE, java.time.Duration.ZERO), RetryPolicy.NONE);
        return new Resilience(new ProviderGuards(id -> settings, clock, sleeper), clock, sleeper,
                () -> ThreadLocalRandom.current().nextDouble());
    }
}
