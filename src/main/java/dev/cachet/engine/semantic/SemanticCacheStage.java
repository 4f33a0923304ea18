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

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The semantic level: after the exact cache, before the model. Serves a stored answer whose query
 * meant the same (same namespace, score over the threshold, every guard agreeing); otherwise
 * remembers the query's vector so {@link #onModelAnswer} can store the model's answer under it.
 *
 * <p>Trace entry (stage "semantic"): decision hit | miss | vetoed | skipped | error; details carry the
 * key fields, score, threshold, nearest neighbour, the guard that vetoed and the nearest neighbours.
 * Temperature above {@link SemanticSettings#maxTemperature()}: skipped, and the answer is not stored
 * either (a sampled answer is one of many; the namespace keeps hot and cool requests apart anyway).
 */
public final class SemanticCacheStage implements Stage {

    private static final Logger LOG = Logger.getLogger(SemanticCacheStage.class.getName());
    private static final ContextKey<Pending> PENDING = ContextKey.of("semantic.pending", Pending.class);

    private record Pending(SemanticKey key, float[] vector) { }

    /** What the key inspector shows for one request: either why the layer was skipped, or the full lookup. */
    public sealed interface Inspection {
        record Skipped(String reason) implements Inspection { }
        record Looked(SemanticKey key, SemanticLookup lookup, String indexKind) implements Inspection { }
    }

    private final SemanticCache cache;
    private final SemanticSettings settings;

    public SemanticCacheStage(SemanticCache cache, SemanticSettings settings) {
        this.cache = cache;
        this.settings = settings;
    }

    @Override public String name() { return "semantic"; }

    @Override
    public StageResult process(RequestContext ctx) throws InterruptedException {
        ChatRequest request = ctx.request();
        var directives = CacheDirectives.of(ctx);
        String skip = directives.semantic() ? skipReason(request, ctx.model()) : "semantic cache off for " + directives.origin();
        if (skip != null) return new StageResult.Continue(StageResult.Note.of("skipped", skip));
        SemanticKey key = SemanticKey.of(request, ctx.model().ref(), cache.embedder().modelId());
        float[] vector;
        try {
            vector = cache.embed(key.userText());
        } catch (EmbeddingException e) {
            LOG.log(Level.WARNING, "semantic lookup skipped", e);
            return new StageResult.Continue(StageResult.Note.of("error", "embedding failed, layer skipped: " + e.getMessage()));
        }
        if (request.cacheMode() == CacheMode.REFRESH) {
            ctx.put(PENDING, new Pending(key, vector));
            return new StageResult.Continue(StageResult.Note.of("skipped", "refresh: no lookup, the new answer will be stored",
                    keyDetails(key)));
        }
        SemanticLookup lookup = cache.decide(key, vector, cache.nearest(key, vector),
                policyFor(key, request, ctx.model(), directives.semanticThreshold()));
        Map<String, String> details = details(key, lookup);
        return switch (lookup) {
            case SemanticLookup.Hit hit -> new StageResult.Answer(StageResult.Note.of("hit", lookup.reason(), details),
                    hit.entry().answer(), AnswerSource.SEMANTIC_CACHE, ctx.model().ref(), Usage.NONE, FinishReason.STOP, false);
            case SemanticLookup.Miss miss -> {
                ctx.put(PENDING, new Pending(key, vector));
                yield new StageResult.Continue(StageResult.Note.of("miss", miss.reason(), details));
            }
            case SemanticLookup.Vetoed vetoed -> {
                ctx.put(PENDING, new Pending(key, vector));
                yield new StageResult.Continue(StageResult.Note.of("vetoed", vetoed.reason(), details));
            }
        };
    }

    @Override
    public void onModelAnswer(RequestContext ctx, ChatResult.Answered answer) {
        ctx.get(PENDING).ifPresent(p -> {
            if (answer.finish() == FinishReason.STOP && !answer.text().isBlank()) {
                cache.put(p.key(), p.vector(), answer.text(), answer.model());
            }
        });
    }

    /** The key inspector: what this request's semantic lookup would find, without storing anything. */
    public Inspection inspect(ChatRequest request, ResolvedModel model) throws EmbeddingException, InterruptedException {
        String skip = skipReason(request, model);
        if (skip != null) return new Inspection.Skipped(skip);
        SemanticKey key = SemanticKey.of(request, model.ref(), cache.embedder().modelId());
        float[] vector = cache.embed(key.userText());
        return new Inspection.Looked(key, cache.decide(key, vector, cache.nearest(key, vector), policyFor(key, request, model, null)),
                cache.indexKind(key.namespace()));
    }

    /**
     * The configured policy, with this namespace's own base threshold when one is set: one set in
     * cachet.yaml for the namespace or template first, else the template's own, else the model's or the default.
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

    private Map<String, String> details(SemanticKey key, SemanticLookup lookup) {
        var d = new LinkedHashMap<>(keyDetails(key));
        d.put("index", String.valueOf(cache.indexKind(key.namespace())));
        switch (lookup) {
            case SemanticLookup.Hit h -> {
                d.put("score", String.format("%.3f", h.score()));
                d.put("threshold", String.format("%.3f", h.threshold()));
                d.put("neighbour", h.entry().query());
            }
            case SemanticLookup.Vetoed v -> {
                d.put("score", String.format("%.3f", v.score()));
                d.put("neighbour", v.entry().query());
                d.put("guard", v.veto().guard());
                d.put("guardReason", v.veto().reason());
            }
            case SemanticLookup.Miss m -> {
                if (!m.candidates().isEmpty()) {
                    var best = m.candidates().getFirst();
                    d.put("score", String.format("%.3f", best.score()));
                    d.put("threshold", String.format("%.3f", best.threshold()));
                    d.put("neighbour", best.entry().query());
                }
            }
        }
        var list = new StringBuilder();
        for (var c : lookup.candidates()) {
            if (!list.isEmpty()) list.append(" | ");
            list.append(String.format("%.3f %s [%s]", c.score(), c.entry().query(), c.decision()));
        }
        if (!list.isEmpty()) d.put("neighbours", list.toString());
        return d;
    }

    private static Map<String, String> keyDetails(SemanticKey key) {
        var d = new LinkedHashMap<String, String>();
        d.put("namespace", key.shortNamespace());
        key.fields().forEach((k, v) -> d.put("key." + k, v));
        return d;
    }
}
