package dev.cachet.engine.semantic;

import dev.cachet.engine.chat.AnswerSource;
import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.chat.FinishReason;
import dev.cachet.engine.chat.Usage;
import dev.cachet.engine.config.SemanticSettings;
import dev.cachet.engine.pipeline.CacheDirectives;
import dev.cachet.engine.pipeline.ContextKey;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;
import dev.cachet.engine.provider.ResolvedModel;
import dev.cachet.engine.semantic.calibration.Calibrations;
import dev.cachet.engine.semantic.calibration.Label;
import dev.cachet.engine.semantic.calibration.NamespaceLearner;

import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The semantic level: after the exact cache, before the model. With learning on (the default), the
 * nearest candidate that passes the guards is served, explored or missed by its namespace's
 * calibration ({@link CalibratedDecision}); an explored lookup's fresh answer is compared with the
 * cached one after the answer is sent ({@link AnswerAgreement}) and the result teaches the namespace.
 * The embedder stays off the request's path where it cannot produce a hit (empty namespace, model
 * still loading): the answer is embedded and stored after it is sent.
 *
 * <p>Trace entry (stage "semantic"): decision hit | explore | miss | vetoed | skipped | error; details
 * carry the key fields, score, the threshold, the estimated chance the cached answer is right, the
 * error bound and the namespace's false-hit estimate ({@link SemanticTrace}).
 * Temperature above {@link SemanticSettings#maxTemperature()}: skipped, and the answer is not stored
 * either (a sampled answer is one of many; the namespace keeps hot and cool requests apart anyway).
 */
public final class SemanticCacheStage implements Stage {

    private static final Logger LOG = Logger.getLogger(SemanticCacheStage.class.getName());
    private static final ContextKey<Pending> PENDING = ContextKey.of("semantic.pending", Pending.class);

    /** What onModelAnswer does with the model's answer: store it (embedding it first when vector is null), and learn from an explore. */
    private record Pending(SemanticKey key, float[] vector, SemanticLookup.Explore explore, NamespaceLearner learner) { }

    /** What the key inspector shows for one request: either why the layer was skipped, or the full lookup. */
    public sealed interface Inspection {
        record Skipped(String reason) implements Inspection { }
        record Looked(SemanticKey key, SemanticLookup lookup, String indexKind) implements Inspection { }
    }

    private final SemanticCache cache;
    private final SemanticSettings settings;
    private final Calibrations calibrations;
    private final AnswerAgreement agreement;
    private final SemanticJudge judge;
    private final Executor background;

    /** The fixed policy only (no learning); background work runs on the calling thread. */
    public SemanticCacheStage(SemanticCache cache, SemanticSettings settings) {
        this(cache, settings, null, null, null, Runnable::run);
    }

    /**
     * @param calibrations per-namespace learning (null: the fixed policy only)
     * @param agreement    compares an explored lookup's fresh answer with the cached one
     * @param judge        the optional judge (null or disabled: none)
     * @param background   where work after the answer runs (embedding and storing, comparing answers)
     */
    public SemanticCacheStage(SemanticCache cache, SemanticSettings settings, Calibrations calibrations, AnswerAgreement agreement,
                              SemanticJudge judge, Executor background) {
        this.cache = cache;
        this.settings = settings;
        this.calibrations = settings.calibration().enabled() ? calibrations : null;
        this.agreement = agreement;
        this.judge = judge;
        this.background = background;
    }

    @Override public String name() { return "semantic"; }

    @Override
    public StageResult process(RequestContext ctx) throws InterruptedException {
        ChatRequest request = ctx.request();
        var directives = CacheDirectives.of(ctx);
        String skip = directives.semantic() ? skipReason(request, ctx.model()) : "semantic cache off for " + directives.origin();
        if (skip != null) return new StageResult.Continue(StageResult.Note.of("skipped", skip));
        SemanticKey key = SemanticKey.of(request, ctx.model().ref(), cache.embedder().modelId());
        if (request.cacheMode() == CacheMode.REFRESH) {
            ctx.put(PENDING, new Pending(key, null, null, null));
            return new StageResult.Continue(StageResult.Note.of("skipped",
                    "refresh: no lookup; the new answer is embedded and stored after it is sent", SemanticTrace.keyDetails(key)));
        }
        String offPath = !cache.hasEntries(key.namespace()) ? "nothing cached in this namespace yet"
                : !cache.embedder().ready() ? "the embedding model is still loading" : null;
        if (offPath != null) {
            ctx.put(PENDING, new Pending(key, null, null, null));
            return new StageResult.Continue(StageResult.Note.of("miss",
                    offPath + ": looked up nothing; the answer is embedded and stored after it is sent", SemanticTrace.keyDetails(key)));
        }
        float[] vector;
        try {
            vector = cache.embed(key.userText());
        } catch (EmbeddingException e) {
            LOG.log(Level.WARNING, "semantic lookup skipped", e);
            return new StageResult.Continue(StageResult.Note.of("error", "embedding failed, layer skipped: " + e.getMessage()));
        }
        NamespaceLearner learner = learner(key, request, ctx.model());
        SemanticLookup lookup = look(key, vector, request, ctx.model(), learner, directives.semanticThreshold(), true);
        if (lookup instanceof SemanticLookup.Explore explore && judge != null && judge.enabled() && explore.assessment().learned()
                && explore.assessment().agree() >= 0.5) {
            lookup = askJudge(explore, key, ctx.model());
        }
        Map<String, String> details = SemanticTrace.details(key, lookup, cache.indexKind(key.namespace()));
        return switch (lookup) {
            case SemanticLookup.Hit hit -> {
                cache.served(hit.entry());
                run(() -> cache.persistUse(hit.entry()));
                yield new StageResult.Answer(StageResult.Note.of("hit", lookup.reason(), details),
                        hit.entry().answer(), AnswerSource.SEMANTIC_CACHE, ctx.model().ref(), Usage.NONE, FinishReason.STOP, false);
            }
            case SemanticLookup.Explore explore -> {
                ctx.put(PENDING, new Pending(key, vector, explore, learner));
                yield new StageResult.Continue(StageResult.Note.of("explore", explore.reason(), details));
            }
            case SemanticLookup.Miss miss -> {
                ctx.put(PENDING, new Pending(key, vector, null, null));
                yield new StageResult.Continue(StageResult.Note.of("miss", miss.reason(), details));
            }
            case SemanticLookup.Vetoed vetoed -> {
                ctx.put(PENDING, new Pending(key, vector, null, null));
                yield new StageResult.Continue(StageResult.Note.of("vetoed", vetoed.reason(), details));
            }
        };
    }

    @Override
    public void onModelAnswer(RequestContext ctx, ChatResult.Answered answer) {
        ctx.get(PENDING).ifPresent(p -> {
            if (answer.finish() != FinishReason.STOP || answer.text().isBlank()) return;
            if (p.vector() != null) cache.put(p.key(), p.vector(), answer.text(), answer.model());
            run(() -> {
                if (p.vector() == null) cache.put(p.key(), cache.embed(p.key().userText()), answer.text(), answer.model());
                if (p.explore() != null && agreement != null && calibrations != null) {
                    var verdict = agreement.compare(p.explore().entry().answer(), answer.text());
                    calibrations.label(p.learner(), p.explore().entry().id(), p.explore().score(), verdict.agree(),
                            Label.Source.ANSWERS_COMPARED);
                }
            });
        });
    }

    /** The key inspector: what this request's semantic lookup would find, without storing or counting anything. */
    public Inspection inspect(ChatRequest request, ResolvedModel model) throws EmbeddingException, InterruptedException {
        String skip = skipReason(request, model);
        if (skip != null) return new Inspection.Skipped(skip);
        SemanticKey key = SemanticKey.of(request, model.ref(), cache.embedder().modelId());
        float[] vector = cache.embed(key.userText());
        return new Inspection.Looked(key, look(key, vector, request, model, learner(key, request, model), null, false),
                cache.indexKind(key.namespace()));
    }

    /** The namespace's error bound δ: its own, else its template's, else its model's, else the default. */
    double errorBound(SemanticKey key, ChatRequest request, ResolvedModel model) {
        return settings.calibration().errorBoundFor(key.shortNamespace(),
                request.template() == null ? null : request.template().id(), model.ref().toString());
    }

    private NamespaceLearner learner(SemanticKey key, ChatRequest request, ResolvedModel model) {
        return calibrations == null ? null : calibrations.learner(key.namespace(), errorBound(key, request, model));
    }

    private SemanticLookup look(SemanticKey key, float[] vector, ChatRequest request, ResolvedModel model, NamespaceLearner learner,
                                Double templateThreshold, boolean count) {
        var near = cache.nearest(key, vector);
        MatchPolicy prior = policyFor(key, request, model, templateThreshold);
        if (learner == null) return cache.decide(key, vector, near, prior);
        return cache.decide(key, vector, near, prior, learner, count ? calibrations : null);
    }

    private SemanticLookup askJudge(SemanticLookup.Explore explore, SemanticKey key, ResolvedModel model) throws InterruptedException {
        SemanticJudge.Verdict v = judge.judge(explore.entry().query(), key.userText(), model);
        var assessment = explore.assessment().withJudge(v.describe());
        if (Boolean.TRUE.equals(v.same())) {
            return new SemanticLookup.Hit(explore.entry(), explore.score(), explore.threshold(), explore.queryVector(),
                    explore.candidates(), "borderline score " + String.format(java.util.Locale.ROOT, "%.3f", explore.score())
                    + " confirmed by the judge: " + v.describe(), assessment);
        }
        return new SemanticLookup.Explore(explore.entry(), explore.score(), explore.threshold(), explore.queryVector(),
                explore.candidates(), explore.reason() + "; judge: " + v.describe(), assessment);
    }

    /**
     * The configured policy (the prior while a namespace warms up), with this namespace's own base threshold
     * when one is set: one set in cachet.yaml for the namespace or template first, else the template's own,
     * else the model's or the default.
     */
    private MatchPolicy policyFor(SemanticKey key, ChatRequest request, ResolvedModel model, Double templateThreshold) {
        String templateId = request.template() == null ? null : request.template().id();
        boolean operatorSet = settings.thresholds().containsKey(key.shortNamespace())
                || templateId != null && settings.thresholds().containsKey(templateId);
        double t = templateThreshold != null && !operatorSet ? templateThreshold
                : settings.thresholdFor(key.shortNamespace(), templateId, model.ref().toString());
        MatchPolicy base = cache.policy();
        return t == base.settings().threshold() ? base : new MatchPolicy(base.settings().withThreshold(t), new QueryGuards());
    }

    private String skipReason(ChatRequest request, ResolvedModel model) {
        if (!settings.enabled()) return "semantic cache is off";
        if (request.cacheMode() == CacheMode.BYPASS) return "cache bypassed for this request";
        if (request.lastUserText().isBlank()) return "no user text to compare";
        double temperature = request.params().temperature() != null ? request.params().temperature()
                : model.provider().defaultTemperature();
        if (temperature > settings.maxTemperature()) {
            return String.format("temperature %.2f above the semantic limit %.2f: sampled answers are not reused",
                    temperature, settings.maxTemperature());
        }
        return null;
    }

    /** Work after the answer; failures are logged, never the request's. */
    private void run(BackgroundWork work) {
        Runnable task = () -> {
            try {
                work.run();
            } catch (EmbeddingException | RuntimeException e) {
                LOG.log(Level.WARNING, "semantic work after the answer failed", e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        };
        try {
            background.execute(task);
        } catch (RejectedExecutionException closing) {
            LOG.fine("semantic layer closing: answer not stored");
        }
    }

    @FunctionalInterface
    private interface BackgroundWork {
        void run() throws EmbeddingException, InterruptedException;
    }
}
