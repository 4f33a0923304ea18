package dev.cachet.engine.routing;

import dev.cachet.engine.chat.ChatMessage;
import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.RetrievalSpec;
import dev.cachet.engine.chat.TemplateInvocation;
import dev.cachet.engine.pipeline.ContextKey;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;
import dev.cachet.engine.pipeline.UserText;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.routing.text.AnalyzedText;
import dev.cachet.engine.routing.text.SchemaVocabulary;
import dev.cachet.engine.templates.RenderStage;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Stage "route", before the response caches: decides the route of what the user asked (heuristic,
 * then the fallbacks), leaves the decision in the context for the stages after it, and applies the
 * route's target to a request that did not choose for itself — the route's template renders a plain
 * message, the route's collection is bound at its current version — and then resolves the request
 * again (the template's model, the collection's version, the model's parameter rules). All of it
 * happens before the exact cache builds its key, so a re-ingest of a route's collection or an edit of
 * its template makes the next identical question miss. Trace: decision = the route; reason =
 * confidence, method and evidence; details: every route's score, the method, the threshold, the
 * decision time, what the target changed, the classifier's tokens when it was asked.
 */
public final class RouteStage implements Stage {

    static final ContextKey<AnalyzedText> TEXT = ContextKey.of("routing.text", AnalyzedText.class);

    private final Router router;
    private final Supplier<SchemaVocabulary> schema;
    private final PriceTable prices;
    private final RouteLibrary library;
    private final RenderStage render;
    private final Stage resolve;

    /**
     * @param render  renders a route's template (null: targets' templates are not applied)
     * @param resolve resolves the request again after its target changed it (null: not re-resolved)
     */
    public RouteStage(Router router, Supplier<SchemaVocabulary> schema, PriceTable prices, RouteLibrary library,
                      RenderStage render, Stage resolve) {
        this.router = router;
        this.schema = schema;
        this.prices = prices;
        this.library = library;
        this.render = render;
        this.resolve = resolve;
    }

    @Override public String name() { return "route"; }

    @Override
    public StageResult process(RequestContext ctx) throws InterruptedException {
        String message = UserText.of(ctx);
        if (message.isBlank()) return new StageResult.Continue(StageResult.Note.of("skipped", "no user text to route"));
        AnalyzedText text = router.analyzer().analyze(message);
        ctx.put(TEXT, text);
        SchemaVocabulary connected = schema.get();
        RouteDecision d = router.route(text, connected, ctx.cancellation());
        ctx.put(RoutingPlan.DECISION, d);
        RouteDefinition route = router.routes().route(d.route()).orElse(null);
        if (route != null) ctx.put(RoutingPlan.ROUTE, route);

        var details = new LinkedHashMap<String, String>();
        details.put("route", d.route());
        details.put("confidence", String.format(Locale.ROOT, "%.3f", d.confidence()));
        details.put("method", d.method().label());
        details.put("threshold", String.format(Locale.ROOT, "%.2f", router.settings().confidenceThreshold()));
        var scores = new StringBuilder();
        for (var c : d.candidates()) scores.append(scores.isEmpty() ? "" : " | ").append(String.format(Locale.ROOT, "%s %.2f", c.route(), c.score()));
        details.put("scores", scores.toString());
        details.put("decisionUs", String.format(Locale.ROOT, "%.1f", d.decisionNanos() / 1000.0));
        details.put("routes", library == null ? router.routes().source() + "@" + router.routes().version() : library.status());
        details.put("schema", connected.isEmpty() ? "none" : connected.tables().size() + " tables (" + connected.fingerprint() + ")");
        details.put("language", text.language().code());
        if (route != null) {
            StageResult failed = applyTarget(ctx, route, message, details);
            if (failed != null) return failed;
        }
        String reason = String.format(Locale.ROOT, "%.2f %s: %s", d.confidence(), d.method().label(), d.reason());
        if (d.classifier() == null) return new StageResult.Continue(StageResult.Note.of(d.route(), reason, details));
        details.put("classifier", d.classifier().model().toString());
        var usage = d.classifier().usage();
        return new StageResult.Continue(new StageResult.Note(d.route(), reason, usage.inputTokens(), usage.outputTokens(),
                prices.cost(d.classifier().model(), usage), details));
    }

    /**
     * The route's template for a plain message, the route's collection for a request without one; then
     * the request resolved again. A template or collection that does not exist leaves the request as it
     * was and says so (a routes file naming what is gone must not break the chat); a template that
     * fails to render fails the request, as it would have had the request named it.
     */
    private StageResult applyTarget(RequestContext ctx, RouteDefinition route, String message, Map<String, String> details) {
        RouteTarget target = route.target();
        ChatRequest before = ctx.request();
        boolean changed = false;
        // The schema route's template is the SQL writer's: the data stage renders it.
        if (target.template() != null && !route.schema() && before.invocation() == null && render != null) {
            var template = render.library().find(target.template());
            String input = template.map(e -> e.value().inputVariable()).orElse(null);
            if (template.isEmpty() || input == null) {
                details.put("targetTemplate", "'" + target.template() + "' not applied: " + (template.isEmpty()
                        ? "no such template" : "it has no text variable for the message"));
            } else {
                ctx.request(before.withInvocation(new TemplateInvocation(target.template(), null, Map.of(input, message)))
                        .withMessages(earlierTurns(before)));
                StageResult rendered = render.apply(ctx, ctx.request().invocation());
                if (rendered instanceof StageResult.Fail f) {
                    ctx.request(before);
                    return new StageResult.Fail(StageResult.Note.of("failed", "route '" + route.name() + "': " + f.note().reason(), details),
                            f.error(), "");
                }
                details.put("targetTemplate", rendered.note().details().getOrDefault("template", target.template()));
                changed = true;
            }
        }
        if (target.collection() != null && ctx.request().retrieval() == null) {
            ctx.request(ctx.request().withRetrieval(RetrievalSpec.of(target.collection())));
            changed = true;
        }
        if (!changed || resolve == null) return null;
        ChatRequest targeted = ctx.request();
        StageResult resolved = resolveQuietly(ctx);
        if (resolved instanceof StageResult.Fail f && targeted.retrieval() != null && before.retrieval() == null) {
            // Most likely the route's collection is unknown: answer without it rather than not at all.
            details.put("targetCollection", "'" + target.collection() + "' not applied: " + f.note().reason());
            ctx.request(targeted.withRetrieval(null));
            resolved = resolveQuietly(ctx);
        }
        if (resolved instanceof StageResult.Fail f) {
            return new StageResult.Fail(StageResult.Note.of("failed", "route '" + route.name() + "': " + f.note().reason(), details), f.error(), "");
        }
        RetrievalSpec bound = ctx.request().retrieval();
        if (bound != null && before.retrieval() == null) details.put("targetCollection", bound.collection() + " v" + bound.version());
        details.put("resolved", resolved.note().reason());
        return null;
    }

    private StageResult resolveQuietly(RequestContext ctx) {
        try {
            return resolve.process(ctx);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new dev.cachet.engine.pipeline.Cancellation.CancelledException();
        }
    }

    /** The conversation before the message being routed (what a template puts between its few-shot turns and the message). */
    private static java.util.List<ChatMessage> earlierTurns(ChatRequest request) {
        var out = new ArrayList<>(request.messages());
        for (int i = out.size() - 1; i >= 0; i--) {
            if (out.get(i).role() == ChatMessage.Role.USER) {
                out.remove(i);
                break;
            }
        }
        return out;
    }
}
