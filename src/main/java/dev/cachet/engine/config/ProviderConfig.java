package dev.cachet.engine.config;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One configured model server.
 *
 * @param kind       "ollama", "openai" (also any OpenAI-compatible server: llama.cpp, LM Studio, vLLM) or "anthropic"
 * @param apiKeyEnv  name of the environment variable holding the key; the key itself is never stored
 * @param models     models offered; empty = ask the server
 */
public record ProviderConfig(String id, String kind, String baseUrl, String apiKeyEnv, String defaultModel,
                             List<String> models, Map<String, String> aliases, Duration timeout,
                             Duration firstTokenTimeout) {
    public ProviderConfig {
        models = models == null ? List.of() : List.copyOf(models);
        aliases = aliases == null ? Map.of() : Map.copyOf(aliases);
        timeout = timeout == null ? Duration.ofSeconds(120) : timeout;
        firstTokenTimeout = firstTokenTimeout == null ? Duration.ofSeconds(60) : firstTokenTimeout;
    }
}
