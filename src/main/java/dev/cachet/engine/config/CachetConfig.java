package dev.cachet.engine.config;

import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.data.DataSettings;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.routing.RoutingSettings;

import java.util.List;

/**
 * Everything configurable, with embedded defaults: a fresh machine runs on these alone.
 *
 * @param defaultProvider provider id used when a request names none; "auto" = Ollama if it answers
 *                        on localhost:11434 at start, else the simulator
 * @param templates       where prompt templates are read from and how they are watched
 */
public record CachetConfig(String defaultProvider, List<ProviderConfig> providers, SimulatorSettings simulator,
                           CacheSettings cache, PriceTable prices, SemanticSettings semantic, EndpointSettings endpoint,
                           RetrievalSettings retrieval, RoutingSettings routing, DataSettings data, TemplateSettings templates,
                           EncryptionSettings encryption) {

    public static final String AUTO = "auto";

    public CachetConfig {
        providers = providers == null ? List.of() : List.copyOf(providers);
        simulator = simulator == null ? SimulatorSettings.DEFAULTS : simulator;
        cache = cache == null ? CacheSettings.DEFAULTS : cache;
        prices = prices == null ? PriceTable.defaults() : prices;
        defaultProvider = defaultProvider == null ? AUTO : defaultProvider;
        semantic = semantic == null ? SemanticSettings.DEFAULTS : semantic;
        endpoint = endpoint == null ? EndpointSettings.DEFAULTS : endpoint;
        retrieval = retrieval == null ? RetrievalSettings.DEFAULTS : retrieval;
        routing = routing == null ? RoutingSettings.DEFAULTS : routing;
        data = data == null ? DataSettings.DEFAULTS : data;
        templates = templates == null ? TemplateSettings.DEFAULTS : templates;
        encryption = encryption == null ? EncryptionSettings.DEFAULTS : encryption;
    }

    /** Without encryption settings (the defaults: on only when CACHET_ENCRYPTION_KEY holds a key). */
    public CachetConfig(String defaultProvider, List<ProviderConfig> providers, SimulatorSettings simulator,
                        CacheSettings cache, PriceTable prices, SemanticSettings semantic, EndpointSettings endpoint,
                        RetrievalSettings retrieval, RoutingSettings routing, DataSettings data, TemplateSettings templates) {
        this(defaultProvider, providers, simulator, cache, prices, semantic, endpoint, retrieval, routing, data, templates,
                EncryptionSettings.DEFAULTS);
    }

    /** Without template settings (the defaults). */
    public CachetConfig(String defaultProvider, List<ProviderConfig> providers, SimulatorSettings simulator,
                        CacheSettings cache, PriceTable prices, SemanticSettings semantic, EndpointSettings endpoint,
                        RetrievalSettings retrieval, RoutingSettings routing, DataSettings data) {
        this(defaultProvider, providers, simulator, cache, prices, semantic, endpoint, retrieval, routing, data, TemplateSettings.DEFAULTS);
    }

    /** Without endpoint, retrieval, routing and data settings (the defaults): what callers wrote before those existed. */
    public CachetConfig(String defaultProvider, List<ProviderConfig> providers, SimulatorSettings simulator,
                        CacheSettings cache, PriceTable prices, SemanticSettings semantic) {
        this(defaultProvider, providers, simulator, cache, prices, semantic, EndpointSettings.DEFAULTS,
                RetrievalSettings.DEFAULTS, RoutingSettings.DEFAULTS, DataSettings.DEFAULTS);
    }

    /** The default models come from the model catalogue shipped in the jar. */
    public static CachetConfig defaults() {
        var models = ModelCatalogue.builtIn();
        return new CachetConfig(AUTO, List.of(
                new ProviderConfig("ollama", "ollama", "http://localhost:11434", null, models.defaultModel("ollama").orElseThrow(),
                        List.of(), null, null, null),
                new ProviderConfig("openai", "openai", "https://api.openai.com/v1", "OPENAI_API_KEY", models.defaultModel("openai").orElseThrow(),
                        List.of(), null, null, null).withRateLimit(8, 16),
                new ProviderConfig("anthropic", "anthropic", "https://api.anthropic.com/v1", "ANTHROPIC_API_KEY",
                        models.defaultModel("anthropic").orElseThrow(), List.of(), null, null, null).withRateLimit(0.8, 5)),
                SimulatorSettings.DEFAULTS, CacheSettings.DEFAULTS, PriceTable.defaults(), SemanticSettings.DEFAULTS,
                EndpointSettings.DEFAULTS, RetrievalSettings.DEFAULTS, RoutingSettings.DEFAULTS, DataSettings.DEFAULTS);
    }

    public CachetConfig withSimulator(SimulatorSettings s) {
        return new CachetConfig(defaultProvider, providers, s, cache, prices, semantic, endpoint, retrieval, routing, data, templates, encryption);
    }

    public CachetConfig withDefaultProvider(String id) {
        return new CachetConfig(id, providers, simulator, cache, prices, semantic, endpoint, retrieval, routing, data, templates, encryption);
    }

    public CachetConfig withProviders(List<ProviderConfig> p) {
        return new CachetConfig(defaultProvider, p, simulator, cache, prices, semantic, endpoint, retrieval, routing, data, templates, encryption);
    }

    public CachetConfig withSemantic(SemanticSettings s) {
        return new CachetConfig(defaultProvider, providers, simulator, cache, prices, s, endpoint, retrieval, routing, data, templates, encryption);
    }

    public CachetConfig withCache(CacheSettings c) {
        return new CachetConfig(defaultProvider, providers, simulator, c, prices, semantic, endpoint, retrieval, routing, data, templates, encryption);
    }

    public CachetConfig withEndpoint(EndpointSettings e) {
        return new CachetConfig(defaultProvider, providers, simulator, cache, prices, semantic, e, retrieval, routing, data, templates, encryption);
    }

    public CachetConfig withRouting(RoutingSettings r) {
        return new CachetConfig(defaultProvider, providers, simulator, cache, prices, semantic, endpoint, retrieval, r, data, templates, encryption);
    }

    public CachetConfig withData(DataSettings d) {
        return new CachetConfig(defaultProvider, providers, simulator, cache, prices, semantic, endpoint, retrieval, routing, d, templates, encryption);
    }

    public CachetConfig withRetrieval(RetrievalSettings r) {
        return new CachetConfig(defaultProvider, providers, simulator, cache, prices, semantic, endpoint, r, routing, data, templates, encryption);
    }

    public CachetConfig withTemplates(TemplateSettings t) {
        return new CachetConfig(defaultProvider, providers, simulator, cache, prices, semantic, endpoint, retrieval, routing, data, t, encryption);
    }

    public CachetConfig withEncryption(EncryptionSettings e) {
        return new CachetConfig(defaultProvider, providers, simulator, cache, prices, semantic, endpoint, retrieval, routing, data, templates, e);
    }
}
