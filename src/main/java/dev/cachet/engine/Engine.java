package dev.cachet.engine;

import dev.cachet.engine.cache.ExactCache;
import dev.cachet.engine.cache.ExactCacheStage;
import dev.cachet.engine.config.CachetConfig;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.metrics.HitLevel;
import dev.cachet.engine.metrics.MetricHistoryStore;
import dev.cachet.engine.metrics.MetricsRegistry;
import dev.cachet.engine.metrics.SavingsLedger;
import dev.cachet.engine.pipeline.Pipeline;
import dev.cachet.engine.pipeline.PipelineObserver;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.provider.GenerateStage;
import dev.cachet.engine.provider.LocalServerProbe;
import dev.cachet.engine.provider.ProviderRegistry;
import dev.cachet.engine.provider.ResolveStage;
import dev.cachet.engine.provider.SimulatorProvider;
import dev.cachet.engine.store.ConversationStore;
import dev.cachet.engine.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

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
    private final MetricsRegistry metrics;
    private final MetricHistoryStore metricHistory;
    private final List<String> notices = new ArrayList<>();
    private final Database database;
    private final ExactCache exactCache;
    private final ConversationStore conversations;
    private final Thread closeOnExit = new Thread(this::close, "cachet-close-on-exit");
    private final java.util.concurrent.locks.ReentrantLock closeLock = new java.util.concurrent.locks.ReentrantLock();
    private boolean closed;

    private Engine(EngineOptions options) {
        this.options = options;
        this.config = options.config();
        this.database = Database.open(options.dataDir(), options.clock());
        notices.addAll(database.notices());
        ExactCache cache = null;
        try {
            cache = ExactCache.open(database, config.cache(), options.clock());
            this.conversations = new ConversationStore(database, options.clock());
            this.metricHistory = new MetricHistoryStore(database);
        } catch (RuntimeException e) {
            if (cache != null) cache.close();
            database.close();
            throw e;
        }
        this.exactCache = cache;
        this.simulator = new SimulatorProvider(config.simulator());
        this.providers = buildProviders();
        List<Stage> stages = List.of(
                new ResolveStage(providers),
                new ExactCacheStage(exactCache),
                new GenerateStage(config.prices()));
        this.metrics = new MetricsRegistry(options.clock(), new SavingsLedger(config.prices()), HitLevel.DEFAULTS,
                MetricsRegistry.DEFAULT_RETENTION, metricHistory);
        List<PipelineObserver> observers = List.of(metrics);
        this.pipeline = new Pipeline(stages, observers, VirtualThreads.factory("request"), options.clock());
        // A safety net for Ctrl-C; close() is the real guarantee and removes it.
        Runtime.getRuntime().addShutdownHook(closeOnExit);
    }

    public static Engine open(EngineOptions options) {
        return new Engine(options);
    }

    private ProviderRegistry buildProviders() {
        var entries = new ArrayList<ProviderRegistry.Entry>();
        entries.add(new ProviderRegistry.Entry(simulator, simulator.settings().models().getFirst(), java.util.Map.of(),
                simulator.settings().models()));
        String defaultProvider = config.defaultProvider();
        if (CachetConfig.AUTO.equals(defaultProvider)) {
            defaultProvider = SimulatorProvider.ID;
            if (options.probeLocalServers() && new LocalServerProbe(Duration.ofMillis(300)).answers("http://localhost:11434", "/api/tags")) {
                notices.add("Ollama answers on localhost:11434 (adapter not wired yet): using the simulator");
            } else {
                notices.add("no model server found on localhost:11434: using the built-in simulator");
            }
        }
        return new ProviderRegistry(entries, defaultProvider);
    }

    public Pipeline pipeline() { return pipeline; }
    public ProviderRegistry providers() { return providers; }
    public SimulatorProvider simulator() { return simulator; }
    public CachetConfig config() { return config; }
    public MetricsRegistry metrics() { return metrics; }
    public Path dataDir() { return options.dataDir(); }
    public Database database() { return database; }
    public ExactCache exactCache() { return exactCache; }
    public ConversationStore conversations() { return conversations; }

    /** What happened at start that a person should know (provider chosen, database set aside, ...). */
    public List<String> notices() { return List.copyOf(notices); }

    /** Flushes the cache's write-behind and closes the database. Safe to call twice. */
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

    private void closeParts() {
        try {
            if (Thread.currentThread() != closeOnExit) Runtime.getRuntime().removeShutdownHook(closeOnExit);
        } catch (IllegalStateException shuttingDown) {
            // the JVM is exiting: the hook runs (or is running) this same close
        }
        try {
            metrics.close();
            metricHistory.close();
            exactCache.close();
        } finally {
            database.close();
        }
    }
}
