package dev.cachet.engine.exec;

import java.time.InstantSource;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * One {@link ProviderGuard} per provider id, created on first use from per-provider settings. The
 * engine holds one of these: chat, embeddings, experiment runs and warming all pass the same limiters.
 */
public final class ProviderGuards {

    private final Map<String, ProviderGuard> guards = new ConcurrentHashMap<>();
    private final Function<String, GuardSettings> settings;
    private final InstantSource clock;
    private final Sleeper sleeper;

    public ProviderGuards(Function<String, GuardSettings> settings, InstantSource clock, Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** Guards with the same breaker settings and retry policy for every provider and limits per provider id. */
    public ProviderGuards(Function<String, ProviderLimiter.Settings> limits, CircuitBreaker.Settings breaker,
                          InstantSource clock, Sleeper sleeper) {
        this(id -> new GuardSettings(limits.apply(id), Map.of(), breaker, RetryPolicy.DEFAULTS), clock, sleeper);
    }

    public ProviderGuard guard(String providerId) {
        return guards.computeIfAbsent(providerId, id -> new ProviderGuard(id, settings.apply(id), clock, sleeper));
    }

    /** Health of every provider called so far, by id. */
    public List<ProviderHealth> health() {
        return guards.values().stream().map(ProviderGuard::health).sorted(Comparator.comparing(ProviderHealth::provider)).toList();
    }

    /** Every guard made so far. */
    public List<ProviderGuard> all() {
        return guards.values().stream().sorted(Comparator.comparing(ProviderGuard::provider)).toList();
    }
}
