package dev.cachet.engine.routing;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;
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
 * <p>The exact cache looked the request up before this stage, under the request as sent: the level,
 * budget and tier are functions of that same text and the settings, so the key still names one answer.
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
        AnalyzedText text = ctx.get(RouteStage.TEXT).orElseGet(() -> router.analyzer().analyze(request.lastUserText()));
        RouteDefinition route = ctx.get(RoutingPlan.ROUTE).orElse(null);
        Complexity complexity = analyzer.analyze(text, route != null && route.wholeMessage());
        Budget budget = settings.budget(complexity.level());
        String tier = route != null && route.target().tier() != null ? route.target().tier() : budget.tier();
        ctx.put(RoutingPlan.PLAN, new RoutingPlan(ctx.get(RoutingPlan.DECISION).orElse(null), route, complexity, budget, tier));

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
        int window = contextWindow(ctx.request().messages(), maxTokens, settings);
        ctx.put(ProviderRequest.CONTEXT_WINDOW, window);
        if (ctx.model().provider() instanceof OllamaProvider) details.put("numCtx", Integer.toString(window));
        String reason = complexity.reason() + " → top_k " + budget.topK() + ", max_tokens " + maxTokens
                + (tier == null ? "" : ", tier " + tier) + (budget.skipRetrieval() ? ", no retrieval" : "");
        return new StageResult.Continue(StageResult.Note.of(complexity.level().key(), reason, details));
    }

    /** Moves the request to its tier's model when it named none; says what happened. */
    private String applyTier(RequestContext ctx, ChatRequest request, String tier, RoutingSettings settings) {
        String current = ctx.model().ref().toString();
        if (tier == null) return current + " (no tier)";
        String target = settings.modelFor(tier);
        if (target == null) return current + " (tier " + tier + " has no model: set routing.tiers." + tier + ")";
        if (request.model() != null) return current + " (the request names its model; tier " + tier + " not applied)";
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
