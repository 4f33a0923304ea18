package dev.cachet.engine.semantic;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.config.SemanticSettings;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.team.TeamRedis;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The semantic level as the composition root sees it: store, embedder chain, cache, stage. The
 * embedder chain is embedding cache -> (micro-batcher, for model servers) -> model. The in-process
 * model gets no batcher: langchain4j runs one ONNX call per text, so batching only adds waiting
 * (see the semantic bench).
 */
public final class SemanticLayer implements AutoCloseable {

    /** Longest a shared entry from another workbench takes to be indexed here (the log is read with this wait). */
    static final Duration TEAM_POLL = Duration.ofSeconds(1);
    private static final Duration TEAM_RETRY = Duration.ofSeconds(5);

    private final SemanticStore store;
    private final SemanticCache cache;
    private final SemanticCacheStage stage;
    private final BatchingEmbedder batcher;
    private final List<String> notices;
    private final CompletableFuture<Integer> rebuilt = new CompletableFuture<>();
    private final OnnxEmbedder toWarmUp;
    private final java.util.concurrent.atomic.AtomicBoolean started = new java.util.concurrent.atomic.AtomicBoolean();
    private volatile Thread rebuilding;
    private HttpEmbedder remote;
    private String remoteProvider;

    private SemanticLayer(SemanticStore store, SemanticCache cache, SemanticCacheStage stage, BatchingEmbedder batcher,
                          List<String> notices, OnnxEmbedder toWarmUp) {
        this.store = store;
        this.cache = cache;
        this.stage = stage;
        this.batcher = batcher;
        this.notices = List.copyOf(notices);
        this.toWarmUp = toWarmUp;
    }

    /** Waits until the index holds every stored entry (commands that inspect it); returns entries loaded. */
    public int awaitRebuilt(Duration timeout) throws InterruptedException {
        try {
            return rebuilt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    public static SemanticLayer open(SemanticSettings settings, Database database, List<ProviderConfig> providers,
                                     Environment env, InstantSource clock) {
        return open(settings, database, providers, env, clock, null);
    }

    /** @param team the shared team Redis, or null: entries are then shared with the team's other workbenches */
    public static SemanticLayer open(SemanticSettings settings, Database database, List<ProviderConfig> providers,
                                     Environment env, InstantSource clock, TeamRedis team) {
        var notices = new ArrayList<String>();
        SemanticStore store = new SqliteSemanticStore(database);
        if (team != null) store = new TeamSemanticStore(store, new RedisSemanticStore(team, clock), TEAM_POLL);
        Embedder model;
        try {
            model = Embedders.fromSpec(settings.embedder(), providers, env);
        } catch (IllegalArgumentException e) {
            notices.add(e.getMessage() + "; using " + OnnxEmbedder.MINILM);
            model = OnnxEmbedder.miniLm();
        }
        BatchingEmbedder batcher = null;
        HttpEmbedder remote = model instanceof HttpEmbedder h ? h : null;
        if (model instanceof HttpEmbedder) {
            batcher = new BatchingEmbedder(model, settings.batchMaxSize(), settings.batchMaxWait(), 4);
            model = batcher;
        }
        var embedder = new CachedEmbedder(model, new EmbeddingCache(store, 50_000));
        var policy = new MatchPolicy(MatchPolicy.settingsOf(settings), new QueryGuards());
        var cache = new SemanticCache(embedder, store, policy, clock, settings.ttl(), settings.neighbours(), settings.graphCrossover());
        var layer = new SemanticLayer(store, cache, new SemanticCacheStage(cache, settings), batcher, notices,
                // A layer switched off loads no model: nothing would use it.
                model instanceof OnnxEmbedder onnx && settings.enabled() ? onnx : null);
        if (remote != null) {
            String kind = settings.embedder().substring(0, settings.embedder().indexOf(':'));
            layer.remote = remote;
            layer.remoteProvider = providers.stream().filter(p -> p.id().equals(kind) || p.kind().equals(kind)).findFirst()
                    .map(ProviderConfig::id).orElse(kind);
        }
        return layer;
    }

    /**
     * Starts the background work: the index rebuild and the model warm-up. Separate from open so that
     * the window can start it after its first frame (on 2 cores it would compete with start-up);
     * the commands start it at once. Idempotent.
     */
    public void startBackgroundWork() {
        if (!started.compareAndSet(false, true)) return;
        // Re-indexing 100k entries takes most of a minute (graph build): do it off the start-up path;
        // until it is done a lookup simply sees fewer entries (a miss, never a wrong hit).
        rebuilding = VirtualThreads.factory("semantic-rebuild").newThread(() -> {
            try {
                rebuilt.complete(cache.rebuild());
                if (store instanceof TeamSemanticStore team) {
                    VirtualThreads.factory("team-semantic-follower").newThread(
                            () -> team.follow(cache::adopt, cache::forgetIndex, TEAM_RETRY)).start();
                }
            } catch (RuntimeException e) {
                if (!Thread.currentThread().isInterrupted()) { // not the engine closing under it
                    Logger.getLogger(SemanticLayer.class.getName()).log(Level.WARNING, "semantic index rebuild failed", e);
                }
                rebuilt.completeExceptionally(e);
            }
        });
        rebuilding.start();
        // Loads the model in the background so the first request does not pay for it (~1-2 s for MiniLM).
        if (toWarmUp != null) toWarmUp.warmUpInBackground();
    }

    /**
     * Puts the embedding calls to a model server behind that server's limiter, the one its chat requests
     * pass: {@code limiterOf} gives a provider id's limiter. The in-process model has none.
     */
    public void shareLimits(java.util.function.Function<String, dev.cachet.engine.exec.ProviderLimiter> limiterOf) {
        if (remote != null) remote.limitedBy(remoteProvider, limiterOf.apply(remoteProvider));
    }

    public SemanticCache cache() { return cache; }
    public SemanticCacheStage stage() { return stage; }
    public List<String> notices() { return notices; }

    /**
     * Stops the background work and waits for it: the index rebuild (interrupted, then joined, so it never
     * reads a closed database) and the model warm-up (cancelled before its native load, else awaited).
     */
    @Override public void close() {
        Thread rebuild = rebuilding;
        if (rebuild != null) {
            rebuild.interrupt();
            try {
                if (!rebuild.join(REBUILD_STOP_WAIT)) {
                    Logger.getLogger(SemanticLayer.class.getName()).warning("semantic index rebuild did not stop within "
                            + REBUILD_STOP_WAIT.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        rebuilt.cancel(false);
        if (toWarmUp != null) toWarmUp.close();
        if (batcher != null) batcher.close();
        store.close();
    }

    private static final Duration REBUILD_STOP_WAIT = Duration.ofSeconds(30);
}
