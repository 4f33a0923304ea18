package dev.cachet.engine.routing;

import dev.cachet.engine.pipeline.ContextKey;
import dev.cachet.engine.pipeline.RequestContext;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.pipeline.StageResult;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.routing.text.AnalyzedText;
import dev.cachet.engine.routing.text.SchemaVocabulary;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * Stage "route": decides the route of the user's last message (heuristic, then the fallbacks) and
 * leaves the decision in the context for the stages after it. Trace: decision = the route; reason =
 * confidence, method and evidence; details: every route's score, the method, the threshold, the
 * decision time, the classifier's tokens when it was asked.
 */
public final class RouteStage implements Stage {

    static final ContextKey<AnalyzedText> TEXT = ContextKey.of("routing.text", AnalyzedText.class);

    private final Router router;
    private final Supplier<SchemaVocabulary> schema;
    private final PriceTable prices;

    public RouteStage(Router router, Supplier<SchemaVocabulary> schema, PriceTable prices) {
        this.router = router;
        this.schema = schema;
        this.prices = prices;
    }

    @Override public String name() { return "route"; }

    @Override
    public StageResult process(RequestContext ctx) throws InterruptedException {
        String message = ctx.request().lastUserText();
        if (message.isBlank()) return new StageResult.Continue(StageResult.Note.of("skipped", "no user text to route"));
        AnalyzedText text = router.analyzer().analyze(message);
        ctx.put(TEXT, text);
        SchemaVocabulary connected = schema.get();
        RouteDecision d = router.route(text, connected, ctx.cancellation());
        ctx.put(RoutingPlan.DECISION, d);
        router.routes().route(d.route()).ifPresent(r -> ctx.put(RoutingPlan.ROUTE, r));

        var details = new LinkedHashMap<String, String>();
        details.put("route", d.route());
        details.put("confidence", String.format(Locale.ROOT, "%.3f", d.confidence()));
        details.put("method", d.method().label());
        details.put("threshold", String.format(Locale.ROOT, "%.2f", router.settings().confidenceThreshold()));
        var scores = new StringBuilder();
        for (var c : d.candidates()) scores.append(scores.isEmpty() ? "" : " | ").append(String.format(Locale.ROOT, "%s %.2f", c.route(), c.score()));
        details.put("scores", scores.toString());
        details.put("decisionUs", String.format(Locale.ROOT, "%.1f", d.decisionNanos() / 1000.0));
        details.put("routes", router.routes().source() + "@" + router.routes().version());
        details.put("schema", connected.isEmpty() ? "none" : connected.tables().size() + " tables (" + connected.fingerprint() + ")");
        details.put("language", text.language().code());
        String reason = String.format(Locale.ROOT, "%.2f %s: %s", d.confidence(), d.method().label(), d.reason());
        if (d.classifier() == null) return new StageResult.Continue(StageResult.Note.of(d.route(), reason, details));
        details.put("classifier", d.classifier().model().toString());
        var usage = d.classifier().usage();
        return new StageResult.Continue(new StageResult.Note(d.route(), reason, usage.inputTokens(), usage.outputTokens(),
                prices.cost(d.classifier().model(), usage), details));
    }
}
