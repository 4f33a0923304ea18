package dev.cachet.engine.routing;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.RetrievalSpec;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;
import dev.cachet.engine.pipeline.UserText;
import dev.cachet.engine.provider.OllamaProvider;
import dev.cachet.engine.provider.ProviderException;
import dev.cachet.engine.provider.ProviderRegistry;
import dev.cachet.engine.provider.ProviderRequest;
import dev.cachet.engine.provider.ResolvedModel;
import dev.cachet.engine.routing.text.AnalyzedText;

import java.util.LinkedHashMap;


/**
 * Stage "complexity": sizes the request and applies what its level buys — max_tokens for the provider
 * when the request set none, the tier's model when the request named none (the route's target tier first), top_k and
 * "skip retrieval" for the retrieve stage ({@link RoutingPlan}), and for a local model the context
 * window (Ollama {@code num_ctx}) that fits the prompt plus the answer budget.
 *
 * <p>Runs before the exact cache, so what it changes is in the key: the tier's model, and the
 * retrieval's top_k (0 for a turn that needs no documents). The answer budget is not: an answer cut at a
 * budget the caller did not set is never stored, and a complete answer does not depend on the budget.
 */
public final class ComplexityStage implements Stage {

    private final Router router;
    private final ComplexityAnalyzer analyzer;
    private final ProviderRegistry providers;

    public ComplexityStage(Router router, ComplexityAnalyzer analyzer, ProviderRegistry providers) {
        this.router = router;
        this.analyzer = analyzer;
        this.providers = providers;
    }

    @Override public String name() { return "complexity"; }

    @Override
    public StageResult process(RequestContext ctx) {
        RoutingSettings settings = router.settings();
        ChatRequest request = ctx.request();
        AnalyzedText text = ctx.get(RouteStage.TEXT).orElseGet(() -> router.analyzer().analyze(UserText.of(ctx)));
        RouteDefinition route = ctx.get(RoutingPlan.ROUTE).orElse(null);
        RouteDecision decision = ctx.get(RoutingPlan.DECISION).orElse(null);
        Complexity complexity = analyzer.analyze(text, smallTalk(route, decision, settings.confidenceThreshold()));
        Budget budget = settings.budget(complexity.level());
        String tier = route != null && route.target().tier() != null ? route.target().tier() : budget.tier();
        ctx.put(RoutingPlan.PLAN, new RoutingPlan(decision, route, complexity, budget, tier));

        var details = new LinkedHashMap<String, String>();
        details.put("level", complexity.level().key());
        details.put("topK", Integer.toString(budget.topK()));
        details.put("skipRetrieval", Boolean.toString(budget.skipRetrieval()));
        details.put("tier", tier == null ? "none" : tier);
        int maxTokens;
        if (request.params().maxTokens() == null) {
            maxTokens = budget.maxTokens();
            ctx.put(ProviderRequest.MAX_TOKENS_BUDGET, maxTokens);
            details.put("maxTokens", maxTokens + " (budget)");
        } else {
            maxTokens = request.params().maxTokens();
            details.put("maxTokens", maxTokens + " (set by the request)");
        }
        details.put("model", applyTier(ctx, request, tier, settings));
        RetrievalSpec spec = request.retrieval();
        if (spec != null) {
            // Into the request, before the exact cache: the number of chunks changes the answer, and is in its key.
            int k = budget.skipRetrieval() ? 0 : spec.topK() != null ? spec.topK() : budget.topK();
            if (!Integer.valueOf(k).equals(spec.topK())) ctx.request(ctx.request().withRetrieval(spec.withTopK(k)));
            details.put("retrieval", k == 0 ? "skipped" : "top_k " + k + (spec.topK() != null ? " (set by the request)" : " (budget)"));
        }
        int window = contextWindow(ctx.request().messages(), maxTokens, settings);
        ctx.put(ProviderRequest.CONTEXT_WINDOW, window);
        if (ctx.model().provider() instanceof OllamaProvider) details.put("numCtx", Integer.toString(window));
        String reason = complexity.reason() + " → top_k " + budget.topK() + ", max_tokens " + maxTokens
                + (tier == null ? "" : ", tier " + tier) + (budget.skipRetrieval() ? ", no retrieval" : "");
        return new StageResult.Continue(StageResult.Note.of(complexity.level().key(), reason, details));
    }

    /**
     * Small talk is trivial (no documents, the smallest budget) only when the router is sure of it: a
     * greeting word in front of a real question ("hi, which port?") leaves the heuristic unsure, and an
     * unsure guess must not buy the cheapest treatment.
     */
    static boolean smallTalk(RouteDefinition route, RouteDecision d, double threshold) {
        if (route == null || !route.wholeMessage() || d == null) return false;
        return switch (d.method()) {
            case HEURISTIC -> d.confidence() >= threshold;
            case EMBEDDING, LLM, LLM_CACHED -> true;
            case UNSURE -> false;
        };
    }

    /**
     * Moves the request to its tier's model when it named neither a model nor a provider (asking for a provider is
     * choosing where it runs: `chat --provider simulator` must not go to the small tier's Ollama); says what happened.
     */
    private String applyTier(RequestContext ctx, ChatRequest request, String tier, RoutingSettings settings) {
        String current = ctx.model().ref().toString();
        if (tier == null) return current + " (no tier)";
        String target = settings.modelFor(tier);
        if (target == null) return current + " (tier " + tier + " has no model: set routing.tiers." + tier + ")";
        if (request.model() != null) return current + " (the request names its model; tier " + tier + " not applied)";
        if (request.provider() != null) return current + " (the request names its provider; tier " + tier + " not applied)";
        int slash = target.indexOf('/');
        try {
            ResolvedModel resolved = providers.resolve(target.substring(0, slash), target.substring(slash + 1));
            ctx.model(resolved);
            return resolved.ref() + " (tier " + tier + ")";
        } catch (ProviderException e) {
            return current + " (tier " + tier + " → " + target + " unusable: " + e.error().message() + ")";
        }
    }

    /**
     * The context window a local model needs for this request: the prompt's tokens plus the answer
     * budget and a 10% margin, rounded up to a multiple of 1,024 and kept within the configured bounds.
     * Tokens are estimated at three characters each (English averages about four): a window too small
     * makes Ollama drop the start of the prompt without a word, one a little too large costs only memory.
     */
    static int contextWindow(java.util.List<ChatMessage> messages, int maxTokens, RoutingSettings settings) {
        long prompt = 0;
        for (ChatMessage m : messages) prompt += (m.content().length() + 2) / 3 + 4;
        long need = Math.round((prompt + (long) maxTokens) * 1.1);
        long rounded = ((need + 1023) / 1024) * 1024;
        return (int) Math.clamp(rounded, settings.minContextWindow(), settings.maxContextWindow());
    }

}
