package dev.cachet.engine.exec;

import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/** One {@link ProviderGuard} per provider id, created on first use from per-provider settings. */
public final class ProviderGuards {

    private final Map<String, ProviderGuard> guards = new ConcurrentHashMap<>();
    private final Function<String, TokenBucketLimiter.Settings> limits;
    private final CircuitBreaker.Settings breakerSettings;
    private final InstantSource clock;
    private final Sleeper sleeper;

    public ProviderGuards(Function<String, TokenBucketLimiter.Settings> limits, CircuitBreaker.Settings breakerSettings,
                          InstantSource clock, Sleeper sleeper) {
        this.limits = limits;
        this.breakerSettings = breakerSettings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    public ProviderGuard guard(String providerId) {
        return guards.computeIfAbsent(providerId, id -> new ProviderGuard(id, new CircuitBreaker(breakerSettings, clock),
                new TokenBucketLimiter(limits.apply(id), clock, sleeper)));
    }

    /** Health of every provider called so far, by id. */
    public List<ProviderHealth> health() {
        return guards.values().stream().map(ProviderGuard::health).sorted(Comparator.comparing(ProviderHealth::provider)).toList();
    }
}
