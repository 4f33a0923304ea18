package dev.cachet.engine.config;

import java.time.Duration;
import java.util.Map;

/**
 * Semantic-cache settings.
 *
 * @param enabled          false turns the layer off (the stage says "skipped")
 * @param embedder         "minilm-l6-v2" (in-process, default), "ollama:MODEL" or "openai:MODEL"
 * @param maxTemperature   above this the layer is skipped: no lookup and no store (an answer sampled hot
 *                         is one of many, not "the" answer to reuse)
 * @param threshold        cosine a neighbour must reach (the policy raises it for short queries)
 * @param shortThreshold   least cosine for queries with at most {@code shortWords} content words
 * @param shortWords       content words up to which a query counts as short
 * @param perDifference    threshold added per content word only one query has (0 = off)
 * @param maxThreshold     the most the per-difference rule can ask for
 * @param neighbours       nearest cached queries examined per lookup
 * @param graphCrossover   entries in a namespace above which the JVector graph replaces the exact scan
 *                         (bench: exact 70 us vs graph 73 us at 2,000 entries, 169 vs 83 us at 5,000)
 * @param thresholds       per-namespace base thresholds, keyed by the namespace id the trace and
 *                         {@code cachet inspect} show (16 hex chars), a template id, or "provider/model";
 *                         the most specific match wins (namespace, then template, then model)
 * @param ttl              how long a semantic entry lives
 * @param batchMaxSize     micro-batcher: most texts per model call
 * @param batchMaxWait     micro-batcher: longest a text waits for company
 * @param calibration      the learned error bound (δ) per namespace, and the optional judge
 * @param maxEntries       most semantic entries kept, across namespaces; past it the least recently used
 *                         (stored or served) go, from the index, the database and the team store
 */
public record SemanticSettings(boolean enabled, String embedder, double maxTemperature, double threshold,
                               double shortThreshold, int shortWords, double perDifference, double maxThreshold, int neighbours,
                               int graphCrossover, Map<String, Double> thresholds, Duration ttl, int batchMaxSize,
                               Duration batchMaxWait, CalibrationSettings calibration, int maxEntries) {

    /**
     * An indexed entry takes 5.3 KB of heap with short answers (a MiniLM vector held once, the graph's edges,
     * the guards' facts, the query and answer text; measured in semantic-cache.md), so 50,000 take ~265 MB,
     * ~400 MB with 3 KB answers: safe in the 1-2 GB heap a JVM picks by default on a 4-8 GB machine.
     */
    public static final int DEFAULT_MAX_ENTRIES = 50_000;

    /**
     * Every provider's own default temperature is at most 1.0 (simulator 0.7, Ollama 0.8, OpenAI and
     * Anthropic 1.0), so a request that sets none is served, as the exact cache serves it; only sampling
     * asked for explicitly hotter (up to 2) skips the layer. The namespace includes the temperature, so an
     * answer is only reused for requests at the same one. 0.3 makes the layer serve near-greedy requests only.
     */
    public static final double DEFAULT_MAX_TEMPERATURE = 1.0;

    /**
     * Defaults chosen on the even lines of qqp-pairs-dev.jsonl (the lowest setting whose false-hit rate
     * stays at 2% there), reported on the odd lines: see src/site/markdown/semantic-cache.md.
     */
    public static final SemanticSettings DEFAULTS = new SemanticSettings(true, "minilm-l6-v2", DEFAULT_MAX_TEMPERATURE, 0.94, 0.96, 3, 0.02,
            0.97, 5, 3_000, Map.of(), Duration.ofDays(7), 32, Duration.ofMillis(2), CalibrationSettings.DEFAULTS, DEFAULT_MAX_ENTRIES);

    /** The settings before the entry cap existed; the cap takes its default. */
    public SemanticSettings(boolean enabled, String embedder, double maxTemperature, double threshold, double shortThreshold,
                            int shortWords, double perDifference, double maxThreshold, int neighbours, int graphCrossover,
                            Map<String, Double> thresholds, Duration ttl, int batchMaxSize, Duration batchMaxWait,
                            CalibrationSettings calibration) {
        this(enabled, embedder, maxTemperature, threshold, shortThreshold, shortWords, perDifference, maxThreshold, neighbours,
                graphCrossover, thresholds, ttl, batchMaxSize, batchMaxWait, calibration, DEFAULT_MAX_ENTRIES);
    }

    /** The settings before calibration existed; calibration takes its defaults. */
    public SemanticSettings(boolean enabled, String embedder, double maxTemperature, double threshold, double shortThreshold,
                            int shortWords, double perDifference, double maxThreshold, int neighbours, int graphCrossover,
                            Map<String, Double> thresholds, Duration ttl, int batchMaxSize, Duration batchMaxWait) {
        this(enabled, embedder, maxTemperature, threshold, shortThreshold, shortWords, perDifference, maxThreshold, neighbours,
                graphCrossover, thresholds, ttl, batchMaxSize, batchMaxWait, CalibrationSettings.DEFAULTS, DEFAULT_MAX_ENTRIES);
    }

    public SemanticSettings {
        if (maxTemperature < 0) throw new InvalidFieldException("maxTemperature", "must not be negative, was " + maxTemperature);
        if (threshold <= 0 || threshold > 1) throw new InvalidFieldException("threshold", "must be within (0, 1], was " + threshold);
        if (maxThreshold < threshold || maxThreshold > 1) {
            throw new InvalidFieldException("maxThreshold", "must be within [threshold, 1], was " + maxThreshold);
        }
        if (shortThreshold <= 0 || shortThreshold > 1) throw new InvalidFieldException("shortThreshold", "must be within (0, 1], was " + shortThreshold);
        if (shortWords < 0) throw new InvalidFieldException("shortWords", "must not be negative, was " + shortWords);
        if (perDifference < 0) throw new InvalidFieldException("perDifference", "must not be negative, was " + perDifference);
        if (neighbours < 1) throw new InvalidFieldException("neighbours", "must be at least 1, was " + neighbours);
        if (graphCrossover < 2) throw new InvalidFieldException("graphCrossover", "must be at least 2, was " + graphCrossover);
        if (batchMaxSize < 1) throw new InvalidFieldException("batchMaxSize", "must be at least 1, was " + batchMaxSize);
        embedder = embedder == null || embedder.isBlank() ? "minilm-l6-v2" : embedder;
        ttl = ttl == null ? Duration.ofDays(7) : ttl;
        if (ttl.isZero() || ttl.isNegative()) throw new InvalidFieldException("ttl", "must be a positive duration, was " + DurationText.format(ttl));
        thresholds = thresholds == null ? Map.of() : Map.copyOf(thresholds);
        thresholds.forEach((k, t) -> {
            if (t <= 0 || t > 1) throw new InvalidFieldException("thresholds." + k, "must be within (0, 1], was " + t);
        });
        batchMaxWait = batchMaxWait == null ? Duration.ofMillis(2) : batchMaxWait;
        if (batchMaxWait.isNegative()) throw new InvalidFieldException("batchMaxWait", "must not be negative, was " + DurationText.format(batchMaxWait));
        calibration = calibration == null ? CalibrationSettings.DEFAULTS : calibration;
        if (maxEntries < 1) throw new InvalidFieldException("maxEntries", "must be at least 1, was " + maxEntries);
    }

    public SemanticSettings withThresholds(Map<String, Double> perNamespace) {
        return new SemanticSettings(enabled, embedder, maxTemperature, threshold, shortThreshold, shortWords, perDifference,
                maxThreshold, neighbours, graphCrossover, perNamespace, ttl, batchMaxSize, batchMaxWait, calibration, maxEntries);
    }

    public SemanticSettings withCalibration(CalibrationSettings c) {
        return new SemanticSettings(enabled, embedder, maxTemperature, threshold, shortThreshold, shortWords, perDifference,
                maxThreshold, neighbours, graphCrossover, thresholds, ttl, batchMaxSize, batchMaxWait, c, maxEntries);
    }

    public SemanticSettings withMaxEntries(int max) {
        return new SemanticSettings(enabled, embedder, maxTemperature, threshold, shortThreshold, shortWords, perDifference,
                maxThreshold, neighbours, graphCrossover, thresholds, ttl, batchMaxSize, batchMaxWait, calibration, max);
    }

    /** The base threshold for a namespace: its own entry, else its template's, else its model's, else the default. */
    public double thresholdFor(String namespaceId, String templateId, String model) {
        if (namespaceId != null && thresholds.containsKey(namespaceId)) return thresholds.get(namespaceId);
        if (templateId != null && thresholds.containsKey(templateId)) return thresholds.get(templateId);
        if (model != null && thresholds.containsKey(model)) return thresholds.get(model);
        return threshold;
    }
}
