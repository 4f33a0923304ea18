package dev.cachet.engine.routing;

import dev.cachet.engine.chat.ModelRef;
import dev.cachet.engine.chat.Usage;

import java.util.List;
import java.util.Locale;

/**
 * Where the router sends a message, how sure it is, and why.
 *
 * @param confidence  share of the evidence for the chosen route, 0..1 (the heuristic normalises its
 *                    route scores, the fallback route scoring "none of the others")
 * @param reason      which keyword, regex, schema word or example decided, in words
 * @param method      who decided
 * @param candidates  every route's score, best first (the heuristic's view, also under an LLM decision)
 * @param decisionNanos time the decision took (for the LLM: the model call included)
 * @param classifier  the classifier call this decision cost, or null (no call: heuristic, embedding, cached)
 */
public record RouteDecision(String route, double confidence, String reason, Method method, List<Candidate> candidates,
                            long decisionNanos, ClassifierCall classifier) {

    /** The model the LLM fallback asked, and what that cost in tokens. */
    public record ClassifierCall(ModelRef model, Usage usage) { }

    public RouteDecision(String route, double confidence, String reason, Method method, List<Candidate> candidates, long decisionNanos) {
        this(route, confidence, reason, method, candidates, decisionNanos, null);
    }

    public enum Method {
        /** Keywords, regexes, examples and the schema scorer were sure enough. */
        HEURISTIC("heuristic"),
        /** The heuristic was unsure; similarity to the routes' examples (in-process embeddings) decided. */
        EMBEDDING("embedding"),
        /** The heuristic was unsure; the LLM classifier decided. */
        LLM("llm"),
        /** The LLM classifier's earlier decision for the same message, from the routing-decision cache. */
        LLM_CACHED("llm-cached"),
        /** Unsure, and no fallback could decide (off, or failed): the heuristic's best guess stands. */
        UNSURE("unsure");

        private final String label;
        Method(String label) { this.label = label; }
        public String label() { return label; }

        public boolean llmFallback() { return this == LLM || this == LLM_CACHED; }

        public static Method parse(String label) {
            for (Method m : values()) if (m.label.equals(label)) return m;
            throw new IllegalArgumentException("unknown routing method '" + label + "'");
        }
    }

    /** One route's score and the evidence behind it. */
    public record Candidate(String route, double score, List<String> reasons) {
        public Candidate { reasons = List.copyOf(reasons); }
    }

    public RouteDecision {
        candidates = List.copyOf(candidates);
    }

    public RouteDecision withMethod(Method m, String newReason, long nanos) {
        return new RouteDecision(route, confidence, newReason, m, candidates, nanos, classifier);
    }

    /** The score the heuristic gave {@code route} (0 when it has none). */
    public double scoreOf(String name) {
        for (Candidate c : candidates) if (c.route().equals(name)) return c.score();
        return 0;
    }

    /** "data 0.87 (heuristic)". */
    public String summary() {
        return String.format(Locale.ROOT, "%s %.2f (%s)", route, confidence, method.label());
    }
}
