package dev.cachet.engine.semantic;

import dev.cachet.engine.semantic.calibration.Calibration;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The semantic stage's trace details: the key fields, the deciding candidate (score, threshold,
 * neighbour, guard), how the calibration judged it ({@code pSame}, {@code pSameLow}), the
 * namespace's error bound and false-hit estimate, and what feedback needs to find the entry again.
 */
public final class SemanticTrace {

    /** Detail keys a rating reads back ({@link SemanticLayer#rate}). */
    public static final String ENTRY = "entry", NAMESPACE_KEY = "namespaceKey", SCORE = "score", ERROR_BOUND = "errorBound";

    private SemanticTrace() { }

    static Map<String, String> keyDetails(SemanticKey key) {
        var d = new LinkedHashMap<String, String>();
        d.put("namespace", key.shortNamespace());
        key.fields().forEach((k, v) -> d.put("key." + k, v));
        return d;
    }

    static Map<String, String> details(SemanticKey key, SemanticLookup lookup, String indexKind) {
        var d = new LinkedHashMap<>(keyDetails(key));
        d.put("index", String.valueOf(indexKind));
        switch (lookup) {
            case SemanticLookup.Hit h -> candidate(d, h.entry(), h.score(), h.threshold());
            case SemanticLookup.Explore x -> candidate(d, x.entry(), x.score(), x.threshold());
            case SemanticLookup.Vetoed v -> {
                d.put(SCORE, f3(v.score()));
                d.put("neighbour", v.entry().query());
                d.put("guard", v.veto().guard());
                d.put("guardReason", v.veto().reason());
            }
            case SemanticLookup.Miss m -> {
                if (!m.candidates().isEmpty()) {
                    var best = m.candidates().getFirst();
                    d.put(SCORE, f3(best.score()));
                    if (best.threshold() <= 1) d.put("threshold", f3(best.threshold()));
                    d.put("neighbour", best.entry().query());
                }
            }
        }
        calibration(d, key, lookup.assessment());
        var list = new StringBuilder();
        for (var c : lookup.candidates()) {
            if (!list.isEmpty()) list.append(" | ");
            list.append(String.format(Locale.ROOT, "%.3f %s [%s]", c.score(), c.entry().query(), c.decision()));
        }
        if (!list.isEmpty()) d.put("neighbours", list.toString());
        return d;
    }

    private static void candidate(Map<String, String> d, SemanticEntry e, float score, double threshold) {
        d.put(SCORE, f3(score));
        if (threshold <= 1) d.put("threshold", f3(threshold));
        d.put("neighbour", e.query());
        d.put(ENTRY, String.valueOf(e.id()));
    }

    private static void calibration(Map<String, String> d, SemanticKey key, Assessment a) {
        Calibration c = a.calibration();
        if (c == null) return;
        d.put(NAMESPACE_KEY, key.namespace());
        d.put("phase", c.phase() == Calibration.Phase.LEARNED ? "learned" : "warming up");
        d.put("labels", c.agreeLabels() + " same / " + c.disagreeLabels() + " different");
        d.put(ERROR_BOUND, String.format(Locale.ROOT, "%.4f", c.delta()));
        if (!Double.isNaN(a.agree())) {
            d.put("pSame", String.format(Locale.ROOT, "%.3f", a.agree()));
            d.put("pSameLow", String.format(Locale.ROOT, "%.3f", a.agreeLow()));
        }
        if (c.estimate().known()) {
            d.put("falseHits", String.format(Locale.ROOT, "%.4f", c.estimate().mean()));
            d.put("falseHitsHigh", String.format(Locale.ROOT, "%.4f", c.estimate().high()));
        }
        if (c.phase() == Calibration.Phase.LEARNED && c.serveAt() <= 1) d.put("serveAt", f3(c.serveAt()));
        d.put("calibration", c.describe());
        if (a.judge() != null) d.put("judge", a.judge());
    }

    private static String f3(double v) { return String.format(Locale.ROOT, "%.3f", v); }
}
