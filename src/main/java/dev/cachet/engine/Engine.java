package dev.cachet.engine;

import dev.cachet.engine.cache.ExactCache;
import dev.cachet.engine.catalogue.ModelCatalogue;
import dev.cachet.engine.cache.ExactCacheStage;
import dev.cachet.engine.cache.L2Tier;
import dev.cachet.engine.cache.MemoryTier;
import dev.cachet.engine.cache.RedisTier;
import dev.cachet.engine.cache.SqliteTier;
import dev.cachet.engine.cache.TeamCacheStatus;
import dev.cachet.engine.cache.TeamTier;
import dev.cachet.engine.config.CacheSettings;
import dev.cachet.engine.config.RedisAddress;
import dev.cachet.engine.metrics.EndpointTraffic;
import dev.cachet.engine.team.TeamRedis;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.config.ResilienceSettings;
import dev.cachet.engine.exec.GuardSettings;
import dev.cachet.engine.exec.HealthHistory;
import dev.cachet.engine.exec.HealthMonitor;
import dev.cachet.engine.provider.ConnectionCheck;
import dev.cachet.engine.exec.ProviderGuard;
import dev.cachet.engine.exec.ProviderGuards;
import dev.cachet.engine.exec.ProviderHealth;
import dev.cachet.engine.exec.Resilience;
import dev.cachet.engine.exec.Sleeper;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.metrics.HitLevel;
import dev.cachet.engine.metrics.MetricHistoryStore;
import dev.cachet.engine.metrics.MetricsRegistry;
import dev.cachet.engine.metrics.SavingsLedger;
import dev.cachet.engine.pipeline.Pipeline;
import dev.cachet.engine.pipeline.PipelineObserver;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.provider.AnthropicProvider;
import dev.cachet.engine.provider.ChatProvider;
import dev.cachet.engine.provider.FallbackChain;
import dev.cachet.engine.provider.GenerateStage;
import dev.cachet.engine.provider.OllamaProvider;
import dev.cachet.engine.provider.OpenAiProvider;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.provider.LocalServerProbe;
import dev.cachet.engine.provider.ProviderRegistry;
import dev.cachet.engine.provider.ResolveStage;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.retrieval.Retrieval;
import dev.cachet.engine.data.DataLayer;
import dev.cachet.engine.provider.SimulatorScript;
import dev.cachet.engine.routing.RoutingLayer;
import dev.cachet.engine.routing.RoutingMetrics;
import dev.cachet.engine.chat.TokenListener;
import dev.cachet.engine.pipeline.SideCalls;
import dev.cachet.engine.semantic.SemanticLayer;
import dev.cachet.engine.store.ConversationStore;
import dev.cachet.engine.store.AtRestKeys;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.store.OsKeyring;
import dev.cachet.engine.templates.RenderStage;
import dev.cachet.engine.templates.TemplateLibrary;
import dev.cachet.engine.templates.TemplateVersions;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The composition root: builds every engine part from configuration by constructor injection and
 * owns their lifecycle. The UI and the CLI each open one Engine; nothing else wires parts together.
 */
public final class Engine implements AutoCloseable {

    private final EngineOptions options;
    private final CachetConfig config;
    private final SimulatorProvider simulator;
    private final ProviderRegistry providers;
    private final Pipeline pipeline;
    private final ProviderGuards guards;
    private final MetricsRegistry metrics;
    private final ModelCatalogue models;
    private final PriceTable prices;
    private final MetricHistoryStore metricHistory;
    private final List<String> notices = new ArrayList<>();
    private final Database database;
    private final ExactCache exactCache;
    private final ConversationStore conversations;
    private final SemanticLayer semantic;
    private final HealthMonitor health;
    private final ConnectionCheck connectionCheck;
    private final TemplateLibrary templates;
    private final Retrieval retrieval;
    private final RoutingLayer routing;
    private final DataLayer data;
    private final RoutingMetrics routingMetrics;
    private final dev.cachet.engine.experiments.Experiments experiments;
    private final dev.cachet.engine.experiments.live.LiveSplit liveSplit;
    private final TeamRedis team;
    private TeamTier teamTier;
    private final EndpointTraffic endpointTraffic = new EndpointTraffic(200);
    private final Thread closeOnExit = new Thread(this::close, "cachet-close-on-exit");
    private final java.util.concurrent.locks.ReentrantLock closeLock = new java.util.concurrent.locks.ReentrantLock();
    private boolean closed;

    private Engine(EngineOptions options) {
        this.options = options;
        this.config = options.config();
        this.database = Database.open(options.dataDir(), options.clock());
        notices.addAll(database.notices());
        this.team = openTeamRedis();
        // Every part that opens tables is built inside the try: a schema from a newer Cachet is refused by any of
        // them, and then nothing is left open — what was opened is closed, newest first, and the database last.
        var opened = new ArrayList<AutoCloseable>();
        try {
            // Before any store reads or writes: a file encrypted with another (or no) key is refused here.
            String keyEnv = config.encryption().keyEnv();
            String secret = options.environment().get(keyEnv).orElseGet(() -> OsKeyring.lookup(keyEnv).orElse(null));
            database.atRest(AtRestKeys.open(database, secret, keyEnv, config.encryption().scope()));
            if (database.atRest().enabled()) {
                notices.add("encryption at rest on (key " + database.atRest().keyId() + " from " + keyEnv + "): "
                        + String.join(", ", config.encryption().scope()));
            }
            this.exactCache = opened(opened, openExactCache());
            this.conversations = new ConversationStore(database, options.clock());
            this.metricHistory = opened(opened, new MetricHistoryStore(database));
            var templateVersions = new TemplateVersions(database, options.clock());
            this.semantic = opened(opened, SemanticLayer.open(config.semantic(), database, config.activeProviders(), options.environment(),
                    options.clock(), team, this::resolveModel)); // the judge (off by default) resolves its model once built
            notices.addAll(semantic.notices());
            this.templates = opened(opened, new TemplateLibrary(TemplateLibrary.folders(config.templates(), options.dataDir(), Path.of("")),
                    config.templates().watchSettings(), templateVersions));
            this.retrieval = opened(opened, new Retrieval(database, semantic.cache().embedder(), config.retrieval(), options.clock(), templates));
            this.simulator = new SimulatorProvider(config.simulator(), simulatorScript());
            this.models = options.models();
            this.prices = config.prices().withCatalogue(models);
            this.providers = buildProviders();
            this.guards = new ProviderGuards(this::guardSettings, options.clock(), Sleeper.system());
            this.connectionCheck = new ConnectionCheck(options.environment(), Duration.ofSeconds(5), System::nanoTime, models);
            var resilience = new Resilience(guards, options.clock(), Sleeper.system(), () -> ThreadLocalRandom.current().nextDouble());
            semantic.shareLimits(id -> guards.guard(id).limiter()); // embeddings pass the same limiter as the provider's chats
            this.health = opened(opened, new HealthMonitor(config.activeProviders().stream().map(ProviderConfig::id).toList(), this::probe, guards,
                    new HealthHistory(database), options.clock(), HEALTH_PROBE_EVERY));
            var fallbacks = new LinkedHashMap<String, List<String>>();
            for (ProviderConfig pc : config.activeProviders()) if (!pc.fallbacks().isEmpty()) fallbacks.put(pc.id(), pc.fallbacks());
            var resolve = new ResolveStage(providers, options.clock(), retrieval::bind);
            var exact = new ExactCacheStage(exactCache);
            var generate = new GenerateStage(prices, resilience, new FallbackChain(providers, fallbacks));
            var render = new RenderStage(templates); // first: the rendered text and the template's version are in every key
            // The router's classifier and the data route's SQL writer render Cachet's own templates (their built-in copies
            // when the folders lack them) and call models through a short pipeline of their own.
            var sideCalls = new Pipeline(List.of(new RenderStage(templates, true), resolve, exact, generate), List.of(),
                    VirtualThreads.factory("side-call"), options.clock());
            SideCalls calls = (request, cancellation) -> sideCalls.execute(request, TokenListener.NONE, cancellation);
            this.data = opened(opened, new DataLayer(config.data(), config.cache().ttlFor("data"), options.dataDir(), options.environment(),
                    database, options.clock(), calls, prices));
            this.routing = opened(opened, new RoutingLayer(config.routing(), config.cache().ttlFor("routing"), database, options.clock(),
                    calls, providers, prices, semantic.cache().embedder(), data.source()::vocabulary, render, resolve,
                    config.templates().watchSettings(), Path.of("")));
            notices.addAll(routing.notices());
            var stages = new ArrayList<Stage>();
            stages.add(render);
            stages.add(resolve);
            if (config.routing().enabled()) {
                // Before the response caches: what routing decides (the tier's model, the route's template and
                // collection, top_k) changes the answer, so it must be in the keys; a data question is answered
                // from the rows, never from an answer cached before it was one.
                stages.add(routing.prefilterStage());
                stages.add(routing.routeStage());
                stages.add(routing.complexityStage());
                stages.add(data.stage());
            }
            stages.add(exact);
            stages.add(semantic.stage());
            stages.add(retrieval.stage());
            stages.add(generate);
            this.metrics = new MetricsRegistry(options.clock(), new SavingsLedger(prices), HitLevel.DEFAULTS,
                    MetricsRegistry.DEFAULT_RETENTION, metricHistory);
            this.routingMetrics = new RoutingMetrics(options.clock(), MetricsRegistry.DEFAULT_RETENTION);
            this.liveSplit = new dev.cachet.engine.experiments.live.LiveSplit(database, options.clock());
            List<PipelineObserver> observers = List.of(retrieval.cachedSources(), metrics, routingMetrics, liveSplit);
            this.pipeline = new Pipeline(stages, observers, VirtualThreads.factory("request"), options.clock());
            // Experiments measure prompts: no routing, data route or retrieval answering for the prompt under test.
            var experimentPipeline = new Pipeline(List.of(new RenderStage(templates), resolve, exact, semantic.stage(), generate), List.of(),
                    VirtualThreads.factory("experiment"), options.clock());
            this.experiments = opened(opened, new dev.cachet.engine.experiments.Experiments(database, options.clock(), experimentPipeline,
                    templates, () -> semantic.cache().embedder(), config.templates().watchSettings()));
        } catch (RuntimeException e) {
            for (AutoCloseable c : opened.reversed()) {
                try {
                    c.close();
                } catch (Exception suppressed) {
                    e.addSuppressed(suppressed);
                }
            }
            if (teamTier != null) teamTier.close();
            if (team != null) team.close();
            database.close();
            throw e;
        }
        // A safety net for Ctrl-C; close() is the real guarantee and removes it.
        Runtime.getRuntime().addShutdownHook(closeOnExit);
    }

    private static <T extends AutoCloseable> T opened(List<AutoCloseable> opened, T part) {
        opened.add(part);
        return part;
    }

    public static Engine open(EngineOptions options) {
        Engine engine = new Engine(options);
        // A command's first request must see a local database's schema; a remote one connects in the background.
        if (engine.config.data().local()) engine.data.connectNow();
        engine.startBackgroundWork();
        return engine;
    }

    /**
     * Opens the engine without starting its background work (semantic index rebuild, embedding-model
     * warm-up): the window opens this way and calls {@link #startBackgroundWork()} after its first frame.
     */
    public static Engine openDeferred(EngineOptions options) {
        return new Engine(options);
    }

    /** Starts the background work {@link #openDeferred} left out; idempotent. */
    public void startBackgroundWork() {
        closeLock.lock();
        try {
            if (!closed) { // a window closed at once must not start a rebuild on a closed store
                semantic.startBackgroundWork();
                retrieval.startBackgroundWork();
                data.startBackgroundWork();
                routing.startBackgroundWork();
                Thread.ofVirtual().name("templates-load").start(templates::start); // a first render waits for it
            }
        } finally {
            closeLock.unlock();
        }
    }

    /** How often the window probes each configured provider (its model list). */
    private static final Duration HEALTH_PROBE_EVERY = Duration.ofMinutes(1);

    /** The cheapest request a provider answers: its model list, as Settings' Test connection asks it. */
    private HealthMonitor.Probe probe(String providerId) {
        for (ProviderConfig pc : config.activeProviders()) {
            if (!pc.id().equals(providerId)) continue;
            // A provider without its key cannot be asked: not counted as down, just not probed.
            if (pc.apiKeyEnv() != null && !pc.apiKeyEnv().isBlank() && !"ollama".equals(pc.kind())
                    && options.environment().get(pc.apiKeyEnv()).isEmpty()) {
                return HealthMonitor.Probe.skipped(pc.apiKeyEnv() + " is not set");
            }
            return switch (connectionCheck.check(pc)) {
                case ConnectionCheck.Result.Reachable r -> new HealthMonitor.Probe(true, r.latency(), null);
                case ConnectionCheck.Result.Failed f -> new HealthMonitor.Probe(false, null, f.message());
            };
        }
        return new HealthMonitor.Probe(false, null, "no provider '" + providerId + "' is configured");
    }

    /**
     * Starts probing every configured provider once a minute, the history kept in SQLite (the window does
     * this after its first frame; one-shot commands do not probe). Idempotent.
     */
    public void startHealthMonitor() {
        closeLock.lock();
        try {
            if (!closed) health.start();
        } finally {
            closeLock.unlock();
        }
    }

    /** Probes and breaker history per provider. */
    public HealthMonitor health() { return health; }

    /** The shared team Redis named by {@code cache.l2}, or null (none configured, or its password is missing). */
    private TeamRedis openTeamRedis() {
        CacheSettings c = config.cache();
        if (c.l2() == null) return null;
        try {
            return TeamRedis.open(RedisAddress.parse(c.l2()), c.l2PasswordEnv(), options.environment(), TeamRedis.DEFAULT_PREFIX);
        } catch (IllegalArgumentException e) {
            notices.add("team cache off: " + e.getMessage());
            return null;
        }
    }

    /** Caffeine L1 over the SQLite tier, or over SQLite beside the team's Redis when one is configured. */
    private ExactCache openExactCache() {
        CacheSettings c = config.cache();
        L2Tier l2 = new SqliteTier(database, options.clock(), c.compressAboveBytes());
        if (team != null) {
            teamTier = new TeamTier(l2, new RedisTier(team, options.clock(), c.compressAboveBytes()), team.address().toString(),
                    options.clock(), TEAM_RETRY, TEAM_MAX_QUEUED);
            l2 = teamTier;
            notices.add("team cache: sharing exact and semantic entries through " + team.address());
        }
        return new ExactCache(new MemoryTier(c.l1MaxBytes(), options.clock()), l2, c, options.clock(),
                VirtualThreads.factory("cache-write-behind"));
    }

    private static final Duration TEAM_RETRY = Duration.ofSeconds(5);
    private static final int TEAM_MAX_QUEUED = 10_000;

    /** A provider's limits, breaker and retry policy from its cachet.yaml entry; the simulator's are the defaults. */
    private GuardSettings guardSettings(String providerId) {
        for (ProviderConfig pc : config.activeProviders()) {
            if (pc.id().equals(providerId)) return ResilienceSettings.of(pc);
        }
        return GuardSettings.DEFAULTS;
    }

    /** The simulator's scripted mode from simulator.script; a broken script is a notice, not a failure to start. */
    private SimulatorScript simulatorScript() {
        try {
            return SimulatorScript.load(config.simulator().script(), options.dataDir());
        } catch (IllegalArgumentException e) {
            e.getMessage().lines().forEach(problem -> notices.add("simulator.script: " + problem + " — the simulator runs without a script"));
            return SimulatorScript.NONE;
        }
    }

    private ProviderRegistry buildProviders() {
        var entries = new ArrayList<ProviderRegistry.Entry>();
        entries.add(new ProviderRegistry.Entry(simulator, simulator.settings().models().getFirst(), Map.of(),
                simulator.settings().models()));
        OllamaProvider localOllama = null;
        for (ProviderConfig pc : config.activeProviders()) {
            ChatProvider adapter = switch (pc.kind()) {
                case "ollama" -> new OllamaProvider(pc, options.environment(), options.clock(), models);
                case "openai" -> new OpenAiProvider(pc, options.environment(), options.clock(), models);
                case "anthropic" -> new AnthropicProvider(pc, options.environment(), options.clock(), models);
                default -> null;
            };
            if (adapter == null) {
                notices.add("provider '" + pc.id() + "' has unknown kind '" + pc.kind() + "' (ollama, openai, anthropic): skipped");
                continue;
            }
            if (SimulatorProvider.ID.equals(pc.id())) {
                notices.add("provider id 'simulator' is reserved for the built-in simulator: '" + pc.kind() + "' entry skipped");
                continue;
            }
            if (adapter instanceof OllamaProvider o && localOllama == null) localOllama = o;
            String defaultModel = pc.defaultModel() != null ? pc.defaultModel() : models.defaultModel(pc.kind()).orElse(null);
            retirementNotice(pc.id(), pc.kind(), defaultModel);
            entries.add(new ProviderRegistry.Entry(adapter, defaultModel, pc.aliases(), pc.models()));
        }
        String defaultProvider = config.defaultProvider();
        if (CachetConfig.AUTO.equals(defaultProvider)) {
            defaultProvider = SimulatorProvider.ID;
            String url = localOllama == null ? "http://localhost:11434" : localOllama.config().baseUrl();
            if (options.probeLocalServers() && localOllama != null
                    && new LocalServerProbe(Duration.ofMillis(300)).answers(url, "/api/tags")) {
                List<String> tags = localOllama.models();
                if (tags.isEmpty()) {
                    notices.add("Ollama answers at " + url + " but has no models (try `ollama pull llama3.2`): using the built-in simulator");
                } else {
                    var known = new ArrayList<String>(tags);
                    // "llama3.2" and "llama3.2:latest" name the same Ollama model.
                    for (String t : tags) if (t.endsWith(":latest")) known.add(t.substring(0, t.length() - ":latest".length()));
                    String configured = localOllama.config().defaultModel();
                    String model = configured != null && known.contains(configured) ? configured : tags.getFirst();
                    String ollamaId = localOllama.id();
                    entries.replaceAll(e -> e.provider().id().equals(ollamaId)
                            ? new ProviderRegistry.Entry(e.provider(), model, e.aliases(), known) : e);
                    defaultProvider = localOllama.id();
                    notices.add("Ollama answers at " + url + " with " + tags.size() + " model(s): using " + localOllama.id() + "/" + model);
                }
            } else {
                notices.add("no model server found at " + url + ": using the built-in simulator");
            }
        }
        return new ProviderRegistry(entries, defaultProvider, models);
    }

    /** A configured default model the catalogue says is retired (or retiring) would fail every request: say so at start. */
    private void retirementNotice(String providerId, String kind, String model) {
        if (model == null) return;
        String retirement = models.spec(kind, model).retirement(java.time.LocalDate.ofInstant(options.clock().instant(), java.time.ZoneOffset.UTC));
        if (retirement != null) notices.add("provider '" + providerId + "': default model " + retirement + " — change it in Settings");
    }

    private dev.cachet.engine.provider.ResolvedModel resolveModel(String provider, String model)
            throws dev.cachet.engine.provider.ProviderException {
        return providers.resolve(provider, model);
    }

    public Pipeline pipeline() { return pipeline; }

    /** The model catalogue: defaults and parameter rules per model. */
    public ModelCatalogue models() { return models; }

    /** Prices: cachet.yaml's, then the model catalogue's. */
    public PriceTable prices() { return prices; }
    public ProviderRegistry providers() { return providers; }
    public SimulatorProvider simulator() { return simulator; }

    /** Per provider: breaker state, median latency, error counts, current rate limit (for the dashboard). */
    public List<ProviderHealth> providerHealth() {
        return guards.health().stream().map(h -> h.withProbes(health.summary(h.provider(), Duration.ofHours(1)))).toList();
    }

    /** The guard (breaker, limiter, retry policy) of a provider: the one limiter every caller of it passes. */
    public ProviderGuard guard(String providerId) { return guards.guard(providerId); }
    public CachetConfig config() { return config; }
    public MetricsRegistry metrics() { return metrics; }
    public Path dataDir() { return options.dataDir(); }
    public Database database() { return database; }
    public ExactCache exactCache() { return exactCache; }
    public ConversationStore conversations() { return conversations; }
    public SemanticLayer semantic() { return semantic; }
    public TemplateLibrary templates() { return templates; }
    public Retrieval retrieval() { return retrieval; }
    public RoutingLayer routing() { return routing; }
    public DataLayer data() { return data; }
    public RoutingMetrics routingMetrics() { return routingMetrics; }

    /** Live A/B on chat traffic: answers of templates with a split, per variant, with 👍/👎. */
    public dev.cachet.engine.experiments.live.LiveSplit liveSplit() { return liveSplit; }

    /** Experiment files, runs and the runner. */
    public dev.cachet.engine.experiments.Experiments experiments() { return experiments; }

    /** How many answers a "clear cache" removed, per level. */
    public record Cleared(long exact, long semantic) {
        public long total() { return exact + semantic; }
        @Override public String toString() {
            return exact + " exact-cache " + (exact == 1 ? "entry" : "entries") + " and " + semantic + " semantic-cache " + (semantic == 1 ? "entry" : "entries");
        }
    }

    /**
     * Clears the stored answers of a namespace at every level: the exact cache (both tiers) and the
     * semantic cache. A template's semantic entries cannot be told apart (the template is hashed into the
     * semantic namespace), so {@code template:ID} clears the exact level only.
     */
    public Cleared clearCaches(dev.cachet.engine.cache.Namespace ns) {
        // The semantic level first: a team cache that is down fails the exact level after its local copy is cleared.
        long semanticRemoved = switch (ns) {
            case dev.cachet.engine.cache.Namespace.All a -> semantic.cache().invalidateWhere(e -> true);
            case dev.cachet.engine.cache.Namespace.Model m -> semantic.cache().invalidateWhere(e -> e.model().toString().equals(m.providerModel()));
            case dev.cachet.engine.cache.Namespace.Template t -> 0;
        };
        long exact = exactCache.invalidate(ns);
        return new Cleared(exact, semanticRemoved);
    }

    /** The shared team cache's entries (a walk over Redis); empty when none is configured. */
    public Optional<dev.cachet.engine.cache.TierStats> teamCacheStats() { return Optional.ofNullable(teamTier).map(TeamTier::sharedStats); }

    /** The shared team cache's state, or empty when none is configured. */
    public Optional<TeamCacheStatus> teamCache() { return Optional.ofNullable(teamTier).map(TeamTier::status); }

    /** Requests that came through the OpenAI-compatible endpoint, by client (for the dashboard). */
    public EndpointTraffic endpointTraffic() { return endpointTraffic; }

    /** What happened at start that a person should know (provider chosen, database set aside, ...). */
    public List<String> notices() { return List.copyOf(notices); }

    /** Stops and awaits the background work, flushes the cache's write-behind, closes the database. Safe to call twice. */
    @Override
    public void close() {
        closeLock.lock();
        try {
            if (closed) return;
            closed = true;
            closeParts();
        } finally {
            closeLock.unlock();
        }
    }

    /**
     * Background work first (index rebuild stopped, model warm-up cancelled or awaited: nothing of this
     * engine is left inside native code), then the parts that write: metric history, the cache's
     * write-behind (every acknowledged answer is flushed), then the database.
     */
    private static final Duration IN_FLIGHT_STOP_WAIT = Duration.ofSeconds(5);

    private void closeParts() {
        try {
            if (Thread.currentThread() != closeOnExit) Runtime.getRuntime().removeShutdownHook(closeOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs (or is running) this same close
        }
        try {
            // Requests still running (a stream, a queued wait) are cancelled and awaited: none writes after this.
            pipeline.cancelAll(IN_FLIGHT_STOP_WAIT);
            health.close();
            retrieval.close(); // folder watchers first: a re-ingest uses the semantic layer's embedder
            semantic.close();
            metrics.close();
            metricHistory.close();
            experiments.close();
            templates.close();
            routing.close();
            exactCache.close();
            data.close();
            if (teamTier != null) teamTier.close(); // after the cache's flush: what it queued still goes out
            if (team != null) team.close();
        } finally {
            database.close();
        }
    }
}
