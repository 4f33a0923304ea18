package dev.cachet.engine.exec;

import java.util.Map;

/**
 * How one provider is guarded: its limits (and per-model limits, by model name), its breaker, its
 * retry policy.
 */
public record GuardSettings(ProviderLimiter.Settings limits, Map<String, ProviderLimiter.Settings> modelLimits,
                            CircuitBreaker.Settings breaker, RetryPolicy retry) {

    public static final GuardSettings DEFAULTS = new GuardSettings(ProviderLimiter.Settings.UNLIMITED, Map.of(),
            CircuitBreaker.Settings.DEFAULTS, RetryPolicy.DEFAULTS);

    public GuardSettings {
        modelLimits = modelLimits == null ? Map.of() : Map.copyOf(modelLimits);
    }

    public GuardSettings withLimits(ProviderLimiter.Settings l) { return new GuardSettings(l, modelLimits, breaker, retry); }
}
