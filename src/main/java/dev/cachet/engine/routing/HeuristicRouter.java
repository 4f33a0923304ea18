package dev.cachet.engine.routing;

import dev.cachet.engine.routing.text.AnalyzedText;
import dev.cachet.engine.routing.text.SchemaVocabulary;
import dev.cachet.engine.routing.text.TextAnalyzer;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The first, cheap opinion on every message: each route scores its evidence in [0, 1] (keywords,
 * regexes, examples; the schema route also the {@link DataQuestionScorer}); the fallback route scores
 * the chance that none applies, Π(1 − s); scores are normalised and the best route wins with its
 * normalised score as the confidence. Immutable and thread-safe; no I/O, no model.
 */
public final class HeuristicRouter {

    private final RouteSet routes;
    private final List<LexicalMatcher> matchers;
    private final DataQuestionScorer dataScorer;

    public HeuristicRouter(RouteSet routes, TextAnalyzer analyzer, DataQuestionScorer dataScorer) {
        this.routes = routes;
        this.dataScorer = dataScorer;
        var list = new ArrayList<LexicalMatcher>();
        for (RouteDefinition r : routes.routes()) if (!r.fallback()) list.add(new LexicalMatcher(r, analyzer));
        this.matchers = List.copyOf(list);
    }

    public RouteSet routes() { return routes; }

    public RouteDecision decide(AnalyzedText text, SchemaVocabulary schema) {
        long start = System.nanoTime();
        var candidates = new ArrayList<RouteDecision.Candidate>(matchers.size() + 1);
        double none = 1;
        for (LexicalMatcher m : matchers) {
            LexicalMatcher.Evidence e = m.match(text);
            double score = e.score();
            List<String> reasons = e.reasons();
            if (m.route().schema()) {
                var data = dataScorer.score(text, schema);
                score = 1 - (1 - score) * (1 - data.probability() * m.route().weight());
                if (reasons.isEmpty()) reasons = data.evidence();
                else {
                    var both = new ArrayList<>(data.evidence());
                    both.addAll(reasons);
                    reasons = both;
                }
            }
            score = Math.clamp(score, 0, 0.999);
            none *= 1 - score;
            candidates.add(new RouteDecision.Candidate(m.route().name(), score, reasons));
        }
        candidates.add(new RouteDecision.Candidate(routes.fallback().name(), none,
                List.of(candidates.isEmpty() ? "the only route" : "no other route's evidence")));
        double sum = 0;
        for (var c : candidates) sum += c.score();
        var normalised = new ArrayList<RouteDecision.Candidate>(candidates.size());
        for (var c : candidates) normalised.add(new RouteDecision.Candidate(c.route(), sum == 0 ? 0 : c.score() / sum, c.reasons()));
        normalised.sort(Comparator.comparingDouble(RouteDecision.Candidate::score).reversed());
        var best = normalised.getFirst();
        return new RouteDecision(best.route(), best.score(), reason(best, normalised), RouteDecision.Method.HEURISTIC,
                normalised, System.nanoTime() - start);
    }

    private String reason(RouteDecision.Candidate best, List<RouteDecision.Candidate> all) {
        var sb = new StringBuilder();
        if (best.route().equals(routes.fallback().name())) {
            sb.append("no route's evidence is strong enough");
            for (var c : all) {
                if (c == best || c.score() < 0.05) continue;
                sb.append("; ").append(c.route()).append(' ').append(Math.round(c.score() * 100) / 100.0).append(": ")
                        .append(String.join(", ", c.reasons()));
                break;
            }
            if (sb.indexOf(";") < 0 && all.size() > 1) {
                var runnerUp = all.get(1);
                if (!runnerUp.reasons().isEmpty()) sb.append("; ").append(runnerUp.route()).append(": ").append(String.join(", ", runnerUp.reasons()));
            }
        } else {
            sb.append(String.join(", ", best.reasons()));
        }
        return sb.toString();
    }
}
