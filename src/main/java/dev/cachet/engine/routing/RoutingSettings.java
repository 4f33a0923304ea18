package dev.cachet.engine.routing;

import dev.cachet.engine.config.DurationText;
import dev.cachet.engine.config.InvalidFieldException;
import dev.cachet.engine.definitions.ClosestName;

import java.time.Duration;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code routing:} section of cachet.yaml.
 *
 * @param enabled             false skips the route, complexity and prefilter stages
 * @param routesFile          a routes YAML file to use instead of the built-in routes (null = built-in)
 * @param confidenceThreshold below this the heuristic's decision goes to the fallbacks
 * @param llmFallback         ask the LLM classifier when the heuristic is unsure
 * @param classifier          the classifier's model: a tier ("small", "large") or "provider/model";
 *                            null = the request's own model
 * @param embeddings          before the LLM, compare the message with the routes' examples using the
 *                            semantic layer's in-process embedder
 * @param embeddingMinCosine  the example similarity decides only when the nearest example is at least this similar
 * @param embeddingMargin     ... and this much closer than the other routes' nearest examples (cosine difference)
 * @param tiers               tier → "provider/model"; a tier without an entry leaves the model alone
 * @param budgets             complexity level (lower-case) → what it buys
 * @param minContextWindow    smallest context window asked of a local model (Ollama num_ctx)
 * @param maxContextWindow    largest context window asked of a local model
 * @param repeatWindow        the prefilter answers the same text again in one session within this window
 *                            with the answer already given (0 = off)
 */
public record RoutingSettings(boolean enabled, String routesFile, double confidenceThreshold, boolean llmFallback,
                              String classifier, boolean embeddings, double embeddingMinCosine, double embeddingMargin, Map<String, String> tiers,
                              Map<String, Budget> budgets, int minContextWindow, int maxContextWindow, Duration repeatWindow) {

    public static final RoutingSettings DEFAULTS = new RoutingSettings(true, null, 0.6, true, "small", false, 0.55, 0.05,
            Map.of(), defaultBudgets(), 2048, 32768, Duration.ofSeconds(10));

    public RoutingSettings {
        if (!(confidenceThreshold >= 0 && confidenceThreshold <= 1)) {
            throw invalid("confidenceThreshold", "must be within 0..1, was " + confidenceThreshold);
        }
        if (!(embeddingMinCosine >= -1 && embeddingMinCosine <= 1)) {
            throw invalid("embeddingMinCosine", "must be within -1..1, was " + embeddingMinCosine);
        }
        if (!(embeddingMargin >= 0 && embeddingMargin <= 1)) {
            throw invalid("embeddingMargin", "must be within 0..1, was " + embeddingMargin);
        }
        tiers = tiers == null ? Map.of() : Map.copyOf(tiers);
        for (var e : tiers.entrySet()) {
            if (!e.getKey().equals("small") && !e.getKey().equals("large")) {
                throw invalid("tiers." + e.getKey(), "unknown tier '" + e.getKey() + "'" + ClosestName.hintOrKnown(e.getKey(), List.of("small", "large")));
            }
            if (e.getValue() != null && !e.getValue().contains("/")) {
                throw invalid("tiers." + e.getKey(), "must be provider/model, was '" + e.getValue() + "'");
            }
        }
        var b = new LinkedHashMap<String, Budget>(defaultBudgets());
        if (budgets != null) {
            for (var e : budgets.entrySet()) {
                ComplexityLevel level;
                try {
                    level = ComplexityLevel.parse(e.getKey());
                } catch (IllegalArgumentException ex) {
                    throw invalid("budgets." + e.getKey(), ex.getMessage());
                }
                if (e.getValue() == null) throw invalid("budgets." + e.getKey(), "is empty");
                b.put(level.key(), e.getValue());
            }
        }
        budgets = Map.copyOf(b);
        if (minContextWindow < 256) throw invalid("minContextWindow", "must be at least 256, was " + minContextWindow);
        if (maxContextWindow < minContextWindow) {
            throw invalid("maxContextWindow", "must be at least minContextWindow (" + minContextWindow + "), was " + maxContextWindow);
        }
        if (repeatWindow == null || repeatWindow.isNegative()) {
            throw invalid("repeatWindow", "must be a duration of 0 or more" + (repeatWindow == null ? "" : ", was " + DurationText.format(repeatWindow)));
        }
    }

    private static InvalidFieldException invalid(String field, String problem) {
        return new InvalidFieldException("routing", field, problem);
    }

    public Budget budget(ComplexityLevel level) { return budgets.get(level.key()); }

    /** "provider/model" for a tier, or null when none is configured. */
    public String modelFor(String tier) { return tier == null ? null : tiers.get(tier); }

    private static Map<String, Budget> defaultBudgets() {
        var m = new LinkedHashMap<String, Budget>();
        m.put(ComplexityLevel.TRIVIAL.key(), new Budget(0, 128, "small", true));
        m.put(ComplexityLevel.SIMPLE.key(), new Budget(3, 384, "small", false));
        m.put(ComplexityLevel.MEDIUM.key(), new Budget(5, 768, "small", false));
        m.put(ComplexityLevel.COMPLEX.key(), new Budget(8, 1536, "large", false));
        m.put(ComplexityLevel.COMPREHENSIVE.key(), new Budget(12, 3072, "large", false));
        return m;
    }

    public RoutingSettings withTiers(Map<String, String> t) {
        return new RoutingSettings(enabled, routesFile, confidenceThreshold, llmFallback, classifier, embeddings, embeddingMinCosine, embeddingMargin,
                t, budgets, minContextWindow, maxContextWindow, repeatWindow);
    }

    public RoutingSettings withFallback(boolean llm, boolean embed) {
        return new RoutingSettings(enabled, routesFile, confidenceThreshold, llm, classifier, embed, embeddingMinCosine, embeddingMargin,
                tiers, budgets, minContextWindow, maxContextWindow, repeatWindow);
    }

    public RoutingSettings withConfidenceThreshold(double t) {
        return new RoutingSettings(enabled, routesFile, t, llmFallback, classifier, embeddings, embeddingMinCosine, embeddingMargin,
                tiers, budgets, minContextWindow, maxContextWindow, repeatWindow);
    }
}
