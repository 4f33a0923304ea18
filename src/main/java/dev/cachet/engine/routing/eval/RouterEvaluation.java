package dev.cachet.engine.routing.eval;

import dev.cachet.engine.pipeline.Cancellation;
import dev.cachet.engine.routing.Budget;
import dev.cachet.engine.routing.Complexity;
import dev.cachet.engine.routing.ComplexityAnalyzer;
import dev.cachet.engine.routing.RouteDecision;
import dev.cachet.engine.routing.Router;
import dev.cachet.engine.routing.text.AnalyzedText;
import dev.cachet.engine.routing.text.SchemaVocabulary;
import org.HdrHistogram.Histogram;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Consumer;

/**
 * Runs the router over labelled lines and scores it: accuracy, per-route precision/recall/F1, the
 * confusion matrix, how often the heuristic was sure (and how right it was then), how often the LLM
 * fallback was asked, and the heuristic's decision time. Decision time is measured in a separate
 * pass (after two warm-up passes, so the JIT has compiled the path) of analysis + heuristic decision
 * with the schema already loaded, the way a request meets it.
 */
public final class RouterEvaluation {

    /** One line's outcome, as {@code --decisions} writes it. */
    public record Decision(LabelledLine line, RouteDecision decision, Complexity complexity, Budget budget, boolean confident) { }

    public record RouteScore(double precision, double recall, double f1, int support, int predicted) { }

    public record Report(int lines, int unmapped, double accuracy, Map<String, RouteScore> perRoute,
                         Map<String, Map<String, Integer>> confusion, double confidentShare, double confidentAccuracy,
                         double llmFallbackRate, double embeddingRate, double decisionP50Us, double decisionP99Us) { }

    private final Router router;
    private final ComplexityAnalyzer complexity;
    private final SchemaVocabulary connected;
    private final Map<Map<String, List<String>>, SchemaVocabulary> schemas = new HashMap<>();

    /** @param connected the configured database's schema, for lines without their own */
    public RouterEvaluation(Router router, ComplexityAnalyzer complexity, SchemaVocabulary connected) {
        this.router = router;
        this.complexity = complexity;
        this.connected = connected;
    }

    public Report run(List<LabelledLine> lines, int unmapped, Consumer<Decision> sink) throws InterruptedException {
        String smallTalk = smallTalkRoute();
        int correct = 0;
        int confident = 0;
        int confidentCorrect = 0;
        int llm = 0;
        int embedding = 0;
        var confusion = new TreeMap<String, Map<String, Integer>>();
        var routes = new TreeSet<String>(router.routes().names());
        double threshold = router.settings().confidenceThreshold();
        for (LabelledLine line : lines) {
            SchemaVocabulary schema = schemaOf(line);
            AnalyzedText text = router.analyzer().analyze(line.text());
            RouteDecision d = router.route(text, schema, Cancellation.none());
            Complexity c = complexity.analyze(text, d.route().equals(smallTalk));
            Budget b = router.settings().budget(c.level());
            boolean sure = d.method() == RouteDecision.Method.HEURISTIC && d.confidence() >= threshold;
            boolean right = d.route().equals(line.route());
            if (right) correct++;
            if (sure) {
                confident++;
                if (right) confidentCorrect++;
            }
            if (d.method().llmFallback()) llm++;
            if (d.method() == RouteDecision.Method.EMBEDDING) embedding++;
            routes.add(line.route());
            confusion.computeIfAbsent(line.route(), k -> new TreeMap<>()).merge(d.route(), 1, Integer::sum);
            sink.accept(new Decision(line, d, c, b, sure));
        }
        var perRoute = new TreeMap<String, RouteScore>();
        for (String r : routes) {
            int tp = confusion.getOrDefault(r, Map.of()).getOrDefault(r, 0);
            int support = confusion.getOrDefault(r, Map.of()).values().stream().mapToInt(Integer::intValue).sum();
            int predicted = 0;
            for (var row : confusion.values()) predicted += row.getOrDefault(r, 0);
            double p = predicted == 0 ? 0 : (double) tp / predicted;
            double rec = support == 0 ? 0 : (double) tp / support;
            perRoute.put(r, new RouteScore(p, rec, p + rec == 0 ? 0 : 2 * p * rec / (p + rec), support, predicted));
        }
        Histogram micros = timeHeuristic(lines);
        int n = lines.size();
        return new Report(n, unmapped, (double) correct / n, perRoute, confusion, (double) confident / n,
                confident == 0 ? 0 : (double) confidentCorrect / confident, (double) llm / n, (double) embedding / n,
                micros.getValueAtPercentile(50) / 1000.0, micros.getValueAtPercentile(99) / 1000.0);
    }

    private String smallTalkRoute() {
        for (var r : router.routes().routes()) if (r.wholeMessage()) return r.name();
        return "";
    }

    private SchemaVocabulary schemaOf(LabelledLine line) {
        if (line.schema() == null) return connected;
        return schemas.computeIfAbsent(line.schema(), SchemaVocabulary::of);
    }

    /** Nanoseconds per heuristic decision (analysis included), after two warm-up passes. */
    private Histogram timeHeuristic(List<LabelledLine> lines) {
        var h = new Histogram(3);
        for (int pass = 0; pass < 3; pass++) {
            for (LabelledLine line : lines) {
                SchemaVocabulary schema = schemaOf(line);
                long t0 = System.nanoTime();
                router.heuristic(line.text(), schema);
                long t = System.nanoTime() - t0;
                if (pass == 2) h.recordValue(Math.max(1, t));
            }
        }
        return h;
    }
}
