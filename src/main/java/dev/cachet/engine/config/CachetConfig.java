package dev.cachet.engine.config;

import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.data.DataSettings;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.provider.SimulatorSettings;
import dev.cachet.engine.routing.RoutingSettings;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Everything configurable, with embedded defaults: a fresh machine runs on these alone.
 *
 * <p>The built-in providers (ollama, openai, anthropic) are always in {@link #providers()}, first and in
 * that order, each enabled or not; a list that leaves one out gets it back disabled. So "remove openai"
 * and "openai with {@code enabled: false}" are the same config, and the file can say it.
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

    /**
     * The providers every installation starts with (default models from the model catalogue shipped in the
     * jar); cachet.yaml changes them field by field, by id.
     */
    public static final List<ProviderConfig> BUILT_IN_PROVIDERS = builtInProviders(ModelCatalogue.builtIn());

    private static List<ProviderConfig> builtInProviders(ModelCatalogue models) {
        return List.of(
                new ProviderConfig("ollama", "ollama", "http://localhost:11434", null, models.defaultModel("ollama").orElseThrow(),
                        List.of(), null, null, null),
                new ProviderConfig("openai", "openai", "https://api.openai.com/v1", "OPENAI_API_KEY", models.defaultModel("openai").orElseThrow(),
                        List.of(), null, null, null).withRateLimit(8, 16),
                new ProviderConfig("anthropic", "anthropic", "https://api.anthropic.com/v1", "ANTHROPIC_API_KEY",
                        models.defaultModel("anthropic").orElseThrow(), List.of(), null, null, null).withRateLimit(0.8, 5));
    }

    public CachetConfig {
        providers = withBuiltIns(providers == null ? List.of() : providers);
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

    public static CachetConfig defaults() {
        return new CachetConfig(AUTO, BUILT_IN_PROVIDERS, SimulatorSettings.DEFAULTS, CacheSettings.DEFAULTS, PriceTable.defaults(),
                SemanticSettings.DEFAULTS, EndpointSettings.DEFAULTS, RetrievalSettings.DEFAULTS, RoutingSettings.DEFAULTS, DataSettings.DEFAULTS);
    }

    /** The providers requests can go to: every entry not switched off with {@code enabled: false}. */
    public List<ProviderConfig> activeProviders() {
        return providers.stream().filter(ProviderConfig::enabled).toList();
    }

    /** The entry with this id, enabled or not. */
    public ProviderConfig provider(String id) {
        return find(id).orElseThrow(() -> new IllegalArgumentException("no provider '" + id + "'"));
    }

    public Optional<ProviderConfig> find(String id) {
        return providers.stream().filter(p -> id != null && id.equals(p.id())).findFirst();
    }

    public static boolean isBuiltIn(String id) {
        return BUILT_IN_PROVIDERS.stream().anyMatch(p -> p.id().equals(id));
    }

    /** Built-ins first in their own order (a missing one disabled), then the others as given. */
    private static List<ProviderConfig> withBuiltIns(List<ProviderConfig> given) {
        Map<String, ProviderConfig> firstById = new LinkedHashMap<>();
        for (ProviderConfig p : given) if (p.id() != null) firstById.putIfAbsent(p.id(), p);
        var out = new ArrayList<ProviderConfig>();
        for (ProviderConfig b : BUILT_IN_PROVIDERS) {
            ProviderConfig p = firstById.get(b.id());
            out.add(p != null ? p : b.disabled());
        }
        for (ProviderConfig p : given) {
            // Keeps duplicates and entries without an id: ConfigChecks names them, the file's author fixes them.
            if (!isBuiltIn(p.id()) || firstById.get(p.id()) != p) out.add(p);
        }
        return List.copyOf(out);
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
