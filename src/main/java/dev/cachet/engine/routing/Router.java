package dev.cachet.engine.routing;

import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.routing.text.AnalyzedText;
import dev.cachet.engine.routing.text.SchemaVocabulary;
import dev.cachet.engine.routing.text.TextAnalyzer;
import dev.cachet.engine.semantic.EmbeddingException;

import java.util.Locale;
import java.util.function.Supplier;

/**
 * Decides a message's route: the heuristic first; when it is less sure than
 * {@link RoutingSettings#confidenceThreshold()}, the routes' examples by embedding (if on), then the
 * LLM classifier (if on), whose decisions the {@link DecisionCache} keeps. When nothing can decide the
 * heuristic's best guess stands, marked {@link RouteDecision.Method#UNSURE}. Thread-safe; the routes
 * can be swapped while requests run ({@link #routes(RouteSet)}).
 */
public final class Router {

    /** Messages up to this many words that the heuristic sends to the fallback route for want of evidence get the example check. */
    static final int SHORT_WORDS = 12;

    private final TextAnalyzer analyzer;
    private final DataQuestionScorer dataScorer;
    private final RoutingSettings settings;
    private final ExampleSimilarity examples;
    private final LlmClassifier classifier;
    private final DecisionCache cache;
    private volatile HeuristicRouter heuristic;

    /**
     * @param examples   null when example similarity is off
     * @param classifier null when the LLM fallback is off
     */
    public Router(RouteSet routes, TextAnalyzer analyzer, DataQuestionScorer dataScorer, RoutingSettings settings,
                  ExampleSimilarity examples, LlmClassifier classifier, DecisionCache cache) {
        this.analyzer = analyzer;
        this.dataScorer = dataScorer;
        this.settings = settings;
        this.examples = examples;
        this.classifier = classifier;
        this.cache = cache;
        this.heuristic = new HeuristicRouter(routes, analyzer, dataScorer);
    }

    public RouteSet routes() { return heuristic.routes(); }

    /** Swaps the routes (a reloaded routes file); requests already deciding finish with the old ones. */
    public void routes(RouteSet routes) { this.heuristic = new HeuristicRouter(routes, analyzer, dataScorer); }

    public RoutingSettings settings() { return settings; }
    public DecisionCache cache() { return cache; }
    public TextAnalyzer analyzer() { return analyzer; }

    /** The heuristic alone: no embedding, no model (the Dashboard's router test box). */
    public RouteDecision heuristic(String text, SchemaVocabulary schema) {
        return heuristic.decide(analyzer.analyze(text), schema);
    }

    /** The full decision for {@code text} against the connected {@code schema}. */
    public RouteDecision route(AnalyzedText text, SchemaVocabulary schema, Cancellation cancellation) throws InterruptedException {
        long start = System.nanoTime();
        HeuristicRouter h = heuristic;
        RouteDecision first = h.decide(text, schema);
        boolean sure = first.confidence() >= settings.confidenceThreshold();
        // A short message with no evidence for any route is "general" only for want of evidence:
        // lexical rules miss paraphrases, so the examples get a look at it too.
        boolean unexamined = first.route().equals(h.routes().fallback().name()) && text.size() <= SHORT_WORDS;
        if (sure && (examples == null || !unexamined)) return first;
        String unsure = String.format(Locale.ROOT, "heuristic unsure (%s %.2f < %.2f: %s)", first.route(), first.confidence(),
                settings.confidenceThreshold(), first.reason());
        String why = "";
        if (examples != null) {
            try {
                var nearest = examples.nearest(text.text(), h.routes());
                boolean decisive = nearest != null && !nearest.route().equals(h.routes().fallback().name())
                        && nearest.cosine() >= settings.embeddingMinCosine() && nearest.margin() >= settings.embeddingMargin()
                        && (!isSchemaRoute(h, nearest.route()) || !schema.isEmpty());
                if (decisive) {
                    double confidence = Math.min(0.95, nearest.cosine());
                    String before = sure ? String.format(Locale.ROOT, "heuristic %s %.2f for want of evidence", first.route(),
                            first.confidence()) : unsure;
                    return new RouteDecision(nearest.route(), confidence, before + "; " + ExampleSimilarity.describe(nearest),
                            RouteDecision.Method.EMBEDDING, first.candidates(), System.nanoTime() - start);
                }
                if (sure) return first;
                if (nearest != null) why = "; examples undecided (" + ExampleSimilarity.describe(nearest) + ")";
            } catch (EmbeddingException e) {
                if (sure) return first;
                why = "; example similarity failed: " + e.getMessage();
            }
        }
        if (classifier != null) {
            String key = DecisionCache.key(text.text(), h.routes().version(), schema.fingerprint(), classifier.modelId());
            var cached = cache.get(key);
            if (cached.isPresent()) {
                var c = cached.get();
                return new RouteDecision(c.route(), c.confidence(), c.reason() + " (decision cached)", RouteDecision.Method.LLM_CACHED,
                        first.candidates(), System.nanoTime() - start);
            }
            var verdict = classifier.classify(text.text(), h.routes(), schema, cancellation);
            switch (verdict) {
                case LlmClassifier.Verdict.Routed r -> {
                    String reason = unsure + "; classifier " + r.model() + " said '" + r.route() + "'";
                    // The classifier names one route; how sure it was is not measured: its agreement with the
                    // heuristic's runner-up decides between "fairly" and "quite" sure.
                    double confidence = r.route().equals(first.route()) ? 0.9 : 0.8;
                    cache.put(key, new DecisionCache.Cached(r.route(), confidence, reason));
                    return new RouteDecision(r.route(), confidence, reason, RouteDecision.Method.LLM, first.candidates(),
                            System.nanoTime() - start, new RouteDecision.ClassifierCall(r.model(), r.usage()));
                }
                case LlmClassifier.Verdict.Failed f -> why += "; " + f.reason();
            }
        }
        return first.withMethod(RouteDecision.Method.UNSURE, unsure + why, System.nanoTime() - start);
    }

    private static boolean isSchemaRoute(HeuristicRouter h, String route) {
        return h.routes().route(route).map(RouteDefinition::schema).orElse(false);
    }
}
