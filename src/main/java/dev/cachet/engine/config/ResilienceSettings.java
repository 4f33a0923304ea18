package dev.cachet.engine.config;

import dev.cachet.engine.exec.CircuitBreaker;
import dev.cachet.engine.exec.GuardSettings;
import dev.cachet.engine.exec.ProviderLimiter;
import dev.cachet.engine.exec.RetryPolicy;

import java.util.LinkedHashMap;

/** Turns a provider's cachet.yaml entry into the settings of its guard. */
public final class ResilienceSettings {

    private static final double JITTER = 0.5;

    private ResilienceSettings() { }

    public static GuardSettings of(ProviderConfig pc) {
        ProviderResilience r = pc.resilience();
        var limits = new ProviderLimiter.Settings(pc.requestsPerSecond(), pc.burst(), r.limits().tokensPerMinute(),
                r.limits().maxConcurrency(), r.limits().maxWait());
        var models = new LinkedHashMap<String, ProviderLimiter.Settings>();
        r.limits().models().forEach((model, m) -> models.put(model, new ProviderLimiter.Settings(m.requestsPerSecond(), m.burst(),
                m.tokensPerMinute(), m.maxConcurrency(), r.limits().maxWait())));
        var retry = new RetryPolicy(r.retry().maxAttempts(), r.retry().baseDelay(), r.retry().maxDelay(), r.retry().maxTotal(), JITTER);
        return new GuardSettings(limits, models, new CircuitBreaker.Settings(r.breaker().failureThreshold(), r.breaker().coolDown()), retry);
    }
}
