package dev.cachet.engine.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One configured model server.
 *
 * @param kind              "ollama", "openai" (also any OpenAI-compatible server: llama.cpp, LM Studio, vLLM) or "anthropic"
 * @param apiKeyEnv         name of the environment variable holding the key; the key itself is never stored
 * @param models            models offered; empty = ask the server
 * @param timeout           longest silence once tokens stream (a stalled stream fails with TIMEOUT)
 * @param firstTokenTimeout longest wait for the first token
 * @param fallbacks         where requests go when this provider fails: "provider" or "provider/model", in order
 * @param requestsPerSecond client-side rate limit; 0 = none
 * @param burst             requests allowed at once after a quiet spell
 * @param enabled           false keeps the entry but offers no such provider (how a built-in one is removed)
 * @param resilience        retry, breaker, token and concurrency limits, connect and total timeouts
 */
public record ProviderConfig(String id, String kind, String baseUrl, String apiKeyEnv, String defaultModel,
                             List<String> models, Map<String, String> aliases, Duration timeout,
                             Duration firstTokenTimeout, List<String> fallbacks, Double requestsPerSecond, Integer burst,
                             ProviderResilience resilience, Boolean enabled) {

    /** The kinds of server there is an adapter for. */
    public static final List<String> KINDS = List.of("ollama", "openai", "anthropic");

    public ProviderConfig {
        models = models == null ? List.of() : List.copyOf(models);
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
        timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
        firstTokenTimeout = firstTokenTimeout == null ? Duration.ofSeconds(60) : firstTokenTimeout;
        fallbacks = fallbacks == null ? List.of() : List.copyOf(fallbacks);
        // Boxed so that a config file may leave them out: absent = no limit, burst 1, enabled.
        requestsPerSecond = requestsPerSecond == null ? 0.0 : requestsPerSecond;
        if (requestsPerSecond < 0) throw new InvalidFieldException("requestsPerSecond", "must not be negative, was " + requestsPerSecond);
        burst = burst == null ? 1 : Math.max(1, burst);
        resilience = resilience == null ? ProviderResilience.DEFAULTS : resilience;
        enabled = enabled == null || enabled;
    }

    public ProviderConfig(String id, String kind, String baseUrl, String apiKeyEnv, String defaultModel,
                          List<String> models, Map<String, String> aliases, Duration timeout, Duration firstTokenTimeout,
                          List<String> fallbacks, Double requestsPerSecond, Integer burst) {
        this(id, kind, baseUrl, apiKeyEnv, defaultModel, models, aliases, timeout, firstTokenTimeout, fallbacks, requestsPerSecond, burst, null, true);
    }

    /** Enabled, with these resilience settings. */
    public ProviderConfig(String id, String kind, String baseUrl, String apiKeyEnv, String defaultModel,
                          List<String> models, Map<String, String> aliases, Duration timeout, Duration firstTokenTimeout,
                          List<String> fallbacks, Double requestsPerSecond, Integer burst, ProviderResilience resilience) {
        this(id, kind, baseUrl, apiKeyEnv, defaultModel, models, aliases, timeout, firstTokenTimeout, fallbacks, requestsPerSecond, burst, resilience, true);
    }

    /** Without fallbacks or rate limit. */
    public ProviderConfig(String id, String kind, String baseUrl, String apiKeyEnv, String defaultModel,
                          List<String> models, Map<String, String> aliases, Duration timeout, Duration firstTokenTimeout) {
        this(id, kind, baseUrl, apiKeyEnv, defaultModel, models, aliases, timeout, firstTokenTimeout, List.of(), 0.0, 1, null, true);
    }

    public ProviderConfig withFallbacks(List<String> f) {
        return new ProviderConfig(id, kind, baseUrl, apiKeyEnv, defaultModel, models, aliases, timeout, firstTokenTimeout, f, requestsPerSecond, burst, resilience, enabled);
    }

    public ProviderConfig withRateLimit(double rps, int b) {
        return new ProviderConfig(id, kind, baseUrl, apiKeyEnv, defaultModel, models, aliases, timeout, firstTokenTimeout, fallbacks, rps, b, resilience, enabled);
    }

    public ProviderConfig withResilience(ProviderResilience r) {
        return new ProviderConfig(id, kind, baseUrl, apiKeyEnv, defaultModel, models, aliases, timeout, firstTokenTimeout, fallbacks, requestsPerSecond, burst, r, enabled);
    }

    public ProviderConfig withTimeouts(Duration firstToken, Duration stall) {
        return new ProviderConfig(id, kind, baseUrl, apiKeyEnv, defaultModel, models, aliases, stall, firstToken, fallbacks, requestsPerSecond, burst, resilience, enabled);
    }

    /** This entry switched off: kept in the file as {@code enabled: false}, offered nowhere. */
    public ProviderConfig disabled() {
        return new ProviderConfig(id, kind, baseUrl, apiKeyEnv, defaultModel, models, aliases, timeout, firstTokenTimeout, fallbacks, requestsPerSecond, burst, resilience, false);
    }
}
