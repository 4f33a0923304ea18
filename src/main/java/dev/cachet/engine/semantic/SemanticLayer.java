package dev.cachet.engine.semantic;

import dev.cachet.engine.config.Environment;
import dev.cachet.engine.config.ProviderConfig;
import dev.cachet.engine.config.SemanticSettings;
import dev.cachet.engine.exec.VirtualThreads;
import dev.cachet.engine.semantic.calibration.Calibrations;
import dev.cachet.engine.semantic.calibration.Label;
import dev.cachet.engine.semantic.calibration.LabelStore;
import dev.cachet.engine.semantic.calibration.SqliteLabelStore;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.team.TeamRedis;
import dev.cachet.engine.trace.Trace;

import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
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
    private final Calibrations calibrations;
    private final AfterAnswerWork afterAnswers;
    private volatile Thread rebuilding;
    private HttpEmbedder remote;
    private String remoteProvider;

    private SemanticLayer(SemanticStore store, SemanticCache cache, SemanticCacheStage stage, BatchingEmbedder batcher,
                          List<String> notices, OnnxEmbedder toWarmUp, Calibrations calibrations, AfterAnswerWork afterAnswers) {
        this.store = store;
        this.cache = cache;
        this.stage = stage;
        this.batcher = batcher;
        this.notices = List.copyOf(notices);
        this.toWarmUp = toWarmUp;
        this.calibrations = calibrations;
        this.afterAnswers = afterAnswers;
    }

    /** What a person said about an answer. */
    public enum Rating {
        /** 👍 on a semantic hit: the cached answer was right for this question. */
        RIGHT,
        /** 👎 on a semantic hit: wrong for this question. */
        WRONG,
        /** The person regenerated a semantic hit: taken as wrong. */
        REGENERATED
    }

    /** Waits until the index holds every stored entry (commands that inspect it); returns entries loaded. */
    public int awaitRebuilt(Duration timeout) throws InterruptedException {
        try {
            return rebuilt.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            return -1;
        }
    }

    /** Without a judge model resolver (the judge, when enabled, asks the request's own model). */
    public static SemanticLayer open(SemanticSettings settings, Database database, List<ProviderConfig> providers,
                                     Environment env, InstantSource clock) {
        return open(settings, database, providers, env, clock, null, NO_JUDGE_MODELS);
    }

    private static final SemanticJudge.ModelResolver NO_JUDGE_MODELS = (p, m) -> {
        throw new dev.cachet.engine.provider.ProviderException(new dev.cachet.engine.chat.ChatError(
                dev.cachet.engine.chat.ChatError.Kind.BAD_REQUEST, "no provider registry for the semantic judge", null));
    };

    /** @param team the shared team Redis, or null: entries are then shared with the team's other workbenches */
    public static SemanticLayer open(SemanticSettings settings, Database database, List<ProviderConfig> providers,
                                     Environment env, InstantSource clock, TeamRedis team) {
        return open(settings, database, providers, env, clock, team, NO_JUDGE_MODELS);
    }

    /**
     * @param team        the shared team Redis, or null: entries are then shared with the team's other workbenches
     * @param judgeModels resolves the judge's configured provider and model
     */
    public static SemanticLayer open(SemanticSettings settings, Database database, List<ProviderConfig> providers,
                                     Environment env, InstantSource clock, TeamRedis team, SemanticJudge.ModelResolver judgeModels) {
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
        var cache = new SemanticCache(embedder, store, policy, clock, settings.ttl(), settings.neighbours(), settings.graphCrossover(),
                settings.maxEntries());
        LabelStore labels = new SqliteLabelStore(database, clock);
        var afterAnswers = new AfterAnswerWork();
        var calibrations = new Calibrations(labels, settings.calibration().confidence(), settings.calibration().minLabels(), clock,
                afterAnswers);
        var stage = new SemanticCacheStage(cache, settings, calibrations, new AnswerAgreement(embedder),
                new SemanticJudge(settings.calibration().judge(), judgeModels, labels), afterAnswers);
        var layer = new SemanticLayer(store, cache, stage, batcher, notices,
                // A layer switched off loads no model: nothing would use it.
                model instanceof OnnxEmbedder onnx && settings.enabled() ? onnx : null, calibrations, afterAnswers);
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
    public Calibrations calibrations() { return calibrations; }

    /**
     * Learns from a person's rating of an answer: only semantic hits teach anything. 👎 and Regenerate
     * label the hit wrong (its entry is not served again at that score or below); 👍 labels it right.
     * Returns what to tell the person, or empty when the answer was not a semantic hit.
     */
    public Optional<String> rate(Trace trace, Rating rating) { return rate(calibrations, trace, rating); }

    static Optional<String> rate(Calibrations calibrations, Trace trace, Rating rating) {
        var entry = trace.entry("semantic").filter(e -> "hit".equals(e.decision())).orElse(null);
        if (entry == null) return Optional.empty();
        var d = entry.details();
        String namespace = d.get(SemanticTrace.NAMESPACE_KEY);
        if (namespace == null || !d.containsKey(SemanticTrace.ENTRY) || !d.containsKey(SemanticTrace.SCORE)) return Optional.empty();
        long entryId = Long.parseLong(d.get(SemanticTrace.ENTRY));
        double score = Double.parseDouble(d.get(SemanticTrace.SCORE));
        double delta = Double.parseDouble(d.getOrDefault(SemanticTrace.ERROR_BOUND, "0.02"));
        boolean right = rating == Rating.RIGHT;
        calibrations.label(calibrations.learner(namespace, delta), entryId, score, right,
                rating == Rating.REGENERATED ? Label.Source.REGENERATED : Label.Source.FEEDBACK);
        return Optional.of(right ? "Thanks: noted that this cached answer fit the question."
                : "Noted: this cached answer will not be served for this question again, and the namespace learns from it.");
    }

    /**
     * The full namespace id a trace's 16-character id (or any unique prefix) stands for, among the
     * namespaces that hold entries; empty when none or several match.
     */
    public Optional<String> namespaceId(String prefix) {
        var matches = cache.namespaceIds().stream().filter(n -> n.startsWith(prefix)).toList();
        return matches.size() == 1 ? Optional.of(matches.getFirst()) : Optional.empty();
    }

    /** Forgets a namespace: its entries and everything it learned. Returns the entries removed. */
    public int clear(String namespace) {
        calibrations.clear(namespace);
        return cache.invalidate(namespace);
    }

    /**
     * For one-shot commands (each a fresh process, where the model is always still loading when the request
     * comes): once the index is rebuilt, loads the embedding model if anything is cached, so that the one
     * request can be answered from the cache. With nothing cached it returns at once.
     */
    public void prepareForOneRequest(Duration timeout) throws InterruptedException {
        awaitRebuilt(timeout);
        if (cache.size() == 0 || cache.embedder().ready() || toWarmUp == null) return;
        try {
            toWarmUp.embed("warm up");  // the model itself: through the embedding cache a known text would not load it
        } catch (EmbeddingException e) {
            Logger.getLogger(SemanticLayer.class.getName()).fine("embedding model did not load: " + e.getMessage());
        }
    }

    /** Waits until the work after answers (storing, comparing, refitting) is done; false on timeout. For tests and commands. */
    public boolean awaitAnswerWork(Duration timeout) throws InterruptedException {
        return afterAnswers.awaitIdle(timeout);
    }

    /**
     * Stops the background work and waits for it: the index rebuild (interrupted, then joined, so it never
     * reads a closed database) and the model warm-up (cancelled before its native load, else awaited).
     */
    @Override public void close() {
        afterAnswers.close();
        calibrations.flush();
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
