package dev.cachet.engine.routing;

import dev.cachet.engine.definitions.FolderWatcher;
import dev.cachet.engine.pipeline.SideCalls;
import dev.cachet.engine.pipeline.Stage;
import dev.cachet.engine.provider.PriceTable;
import dev.cachet.engine.provider.ProviderRegistry;
import dev.cachet.engine.routing.text.SchemaVocabulary;
import dev.cachet.engine.routing.text.TextAnalyzer;
import dev.cachet.engine.semantic.Embedder;
import dev.cachet.engine.store.Database;
import dev.cachet.engine.templates.RenderStage;

import java.nio.file.Path;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Routing as the composition root sees it: the routes (built in, or from the watched routes files),
 * the router with its fallbacks, the routing-decision cache, and the stages "prefilter", "route" and
 * "complexity".
 */
public final class RoutingLayer implements AutoCloseable {

    private final RoutingSettings settings;
    private final RouteLibrary routes;
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
     * @param render   renders routes' templates in the pipeline (and knows the classifier template's version)
     * @param resolve  resolves a request again after its route's target changed it
     * @param workingDir where a relative {@code routing.routes} starts
     */
    public RoutingLayer(RoutingSettings settings, Duration decisionTtl, Database db, InstantSource clock, SideCalls calls,
                        ProviderRegistry providers, PriceTable prices, Embedder embedder, Supplier<SchemaVocabulary> schema,
                        RenderStage render, Stage resolve, FolderWatcher.Settings watch, Path workingDir) {
        this.settings = settings;
        this.schema = schema;
        var notices = new ArrayList<String>();
        this.routes = new RouteLibrary(location(settings.routes(), workingDir), watch);
        routes.problems().stream().filter(dev.cachet.engine.definitions.Problem::isError).findFirst()
                .ifPresent(p -> notices.add("routes: " + p.format() + " — " + routes.current().source() + " serve"));
        var analyzer = new TextAnalyzer();
        this.classifier = new LlmClassifier(calls, classifierModel(settings), () -> render.library()
                .findOrBuiltIn(LlmClassifier.TEMPLATE).map(e -> e.value().version()).orElse("none"));
        this.router = new Router(routes.current(), analyzer, new DataQuestionScorer(), settings,
                settings.embeddings() && embedder != null ? new ExampleSimilarity(embedder) : null,
                settings.llmFallback() ? classifier : null, new DecisionCache(db, clock, decisionTtl));
        routes.subscribe(router::routes);
        this.prefilter = new PrefilterStage(settings.repeatWindow(), clock);
        this.route = new RouteStage(router, schema, prices, routes, render, resolve);
        this.complexity = new ComplexityStage(router, new ComplexityAnalyzer(), providers);
        this.notices = List.copyOf(notices);
    }

    /** {@code routing.routes} as a path: relative to the working directory, {@code ~/} the home folder; null = built in. */
    public static Path location(String configured, Path workingDir) {
        if (configured == null || configured.isBlank()) return null;
        String f = configured.strip();
        return f.startsWith("~/") ? Path.of(System.getProperty("user.home")).resolve(f.substring(2)) : workingDir.resolve(f);
    }

    /** The classifier's "provider/model": a tier name is looked up in routing.tiers; null = the default model. */
    private static String classifierModel(RoutingSettings settings) {
        String c = settings.classifier();
        if (c == null || c.isBlank()) return null;
        if (c.contains("/")) return c;
        return settings.modelFor(c);
    }

    /** Starts watching the routes files (the engine's background work). */
    public void startBackgroundWork() { routes.start(); }

    public RoutingSettings settings() { return settings; }
    public RouteLibrary routes() { return routes; }
    public Router router() { return router; }
    public LlmClassifier classifier() { return classifier; }
    public SchemaVocabulary schema() { return schema.get(); }
    public PrefilterStage prefilterStage() { return prefilter; }
    public RouteStage routeStage() { return route; }
    public ComplexityStage complexityStage() { return complexity; }
    public List<String> notices() { return notices; }

    @Override public void close() { routes.close(); }
}
