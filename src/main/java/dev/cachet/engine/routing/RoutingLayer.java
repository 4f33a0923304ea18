package dev.cachet.engine.routing;

import dev.cachet.engine.pipeline.SideCalls;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.provider.ProviderRegistry;
import dev.cachet.engine.routing.text.SchemaVocabulary;
import dev.cachet.engine.routing.text.TextAnalyzer;
import dev.cachet.engine.semantic.Embedder;
import dev.cachet.engine.store.Database;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Routing as the composition root sees it: the routes, the router with its fallbacks, the
 * routing-decision cache, and the stages "prefilter", "route" and "complexity".
 */
public final class RoutingLayer {

    private final RoutingSettings settings;
    private final Router router;
    private final LlmClassifier classifier;
    private final Supplier<SchemaVocabulary> schema;
    private final PrefilterStage prefilter;
    private final RouteStage route;
    private final ComplexityStage complexity;
    private final List<String> notices;

    /**
     * @param embedder the semantic layer's embedder, used for example similarity when routing.embeddings is on
     * @param schema   the connected database's schema words (empty when none is connected)
     */
    public RoutingLayer(RoutingSettings settings, Duration decisionTtl, Database db, InstantSource clock, SideCalls calls,
                        ProviderRegistry providers, PriceTable prices, Embedder embedder, Supplier<SchemaVocabulary> schema) {
        this.settings = settings;
        this.schema = schema;
        var notices = new ArrayList<String>();
        RouteSet routes = loadRoutes(settings, notices);
        var analyzer = new TextAnalyzer();
        this.classifier = new LlmClassifier(calls, classifierModel(settings));
        this.router = new Router(routes, analyzer, new DataQuestionScorer(), settings,
                settings.embeddings() && embedder != null ? new ExampleSimilarity(embedder) : null,
                settings.llmFallback() ? classifier : null, new DecisionCache(db, clock, decisionTtl));
        this.prefilter = new PrefilterStage(settings.repeatWindow(), clock);
        this.route = new RouteStage(router, schema, prices);
        this.complexity = new ComplexityStage(router, new ComplexityAnalyzer(), providers);
        this.notices = List.copyOf(notices);
    }

    private static RouteSet loadRoutes(RoutingSettings settings, List<String> notices) {
        var file = new RoutesFile();
        if (settings.routesFile() == null) return file.builtIn();
        try {
            return file.load(Path.of(settings.routesFile()));
        } catch (RoutesFile.RoutesException e) {
            notices.add(e.getMessage() + " — using the built-in routes");
            return file.builtIn();
        }
    }

    /** The classifier's "provider/model": a tier name is looked up in routing.tiers; null = the default model. */
    private static String classifierModel(RoutingSettings settings) {
        String c = settings.classifier();
        if (c == null || c.isBlank()) return null;
        if (c.contains("/")) return c;
        return settings.modelFor(c);
    }

    public RoutingSettings settings() { return settings; }
    public Router router() { return router; }
    public LlmClassifier classifier() { return classifier; }
    public SchemaVocabulary schema() { return schema.get(); }
    public PrefilterStage prefilterStage() { return prefilter; }
    public RouteStage routeStage() { return route; }
    public ComplexityStage complexityStage() { return complexity; }
    public List<String> notices() { return notices; }
}
