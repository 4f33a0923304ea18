package dev.cachet.engine.provider;

import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.chat.ChatError;
import dev.cachet.engine.chat.ModelRef;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The configured providers, the default one, and per provider its default model and aliases.
 * Resolution turns a (provider, model-or-alias) pair into a concrete {@link ResolvedModel}.
 */
public final class ProviderRegistry {

    /** How one provider is offered: its default model, aliases, and the models known to exist (empty = not checked). */
    public record Entry(ChatProvider provider, String defaultModel, Map<String, String> aliases, List<String> knownModels) {
        public Entry {
            aliases = Map.copyOf(aliases);
            knownModels = List.copyOf(knownModels);
        }
    }

    private final Map<String, Entry> entries = new LinkedHashMap<>();
    private final String defaultProvider;
    private final ModelCatalogue catalogue;

    public ProviderRegistry(List<Entry> providers, String defaultProvider) {
        this(providers, defaultProvider, ModelCatalogue.builtIn());
    }

    public ProviderRegistry(List<Entry> providers, String defaultProvider, ModelCatalogue catalogue) {
        this.catalogue = catalogue;
        for (Entry e : providers) entries.put(e.provider().id(), e);
        if (!entries.containsKey(defaultProvider)) {
            throw new IllegalArgumentException("default provider '" + defaultProvider + "' is not among " + entries.keySet());
        }
        this.defaultProvider = defaultProvider;
    }

    public String defaultProvider() { return defaultProvider; }

    public List<Entry> entries() { return List.copyOf(entries.values()); }

    public Entry entry(String providerId) throws ProviderException {
        Entry e = entries.get(providerId);
        if (e == null) {
            throw new ProviderException(new ChatError(ChatError.Kind.UNKNOWN_PROVIDER,
                    "unknown provider '" + providerId + "'", "configured providers: " + String.join(", ", entries.keySet())));
        }
        return e;
    }

    public ResolvedModel resolve(String providerId, String model) throws ProviderException {
        Entry e = entry(providerId == null ? defaultProvider : providerId);
        String name = model == null || model.isBlank() ? e.defaultModel() : model;
        name = e.aliases().getOrDefault(name, name);
        if (!e.knownModels().isEmpty() && !e.knownModels().contains(name)) {
            throw new ProviderException(new ChatError(ChatError.Kind.UNKNOWN_MODEL,
                    "unknown model '" + name + "' for provider '" + e.provider().id() + "'",
                    "available: " + String.join(", ", e.knownModels())));
        }
        return new ResolvedModel(new ModelRef(e.provider().id(), name), e.provider(), catalogue.spec(e.provider().kind(), name));
    }
}
