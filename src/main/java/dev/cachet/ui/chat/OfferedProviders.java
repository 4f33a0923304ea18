package dev.cachet.ui.chat;

import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.provider.ProviderRegistry;
import dev.cachet.engine.provider.SimulatorProvider;

import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Which providers the chat's model picker offers: the simulator always; others only when they can
 * work — their API key variable is set, and a keyless server has known models (configured, or
 * fetched when it answered at start). Settings lists every provider with its state.
 */
public final class OfferedProviders {

    private OfferedProviders() { }

    public static Predicate<String> of(CachetConfig config, ProviderRegistry registry, Function<String, String> env) {
        return id -> {
            if (SimulatorProvider.ID.equals(id)) return true;
            ProviderConfig pc = config.providers().stream().filter(p -> p.id().equals(id)).findFirst().orElse(null);
            if (pc == null) return true;
            if (pc.apiKeyEnv() != null && !pc.apiKeyEnv().isBlank()) {
                String key = env.apply(pc.apiKeyEnv());
                return key != null && !key.isBlank();
            }
            return id.equals(registry.defaultProvider())
                    || registry.entries().stream().anyMatch(e -> e.provider().id().equals(id) && !e.knownModels().isEmpty());
        };
    }
}
