package dev.cachet.engine.config;

import java.time.Duration;
import java.util.Map;

/**
 * How the semantic layer learns, per namespace, how far it may go (see semantic-cache.md).
 *
 * @param enabled     false keeps the fixed policy (threshold + guards) and learns nothing
 * @param errorBound  δ: of the lookups with no right answer cached, at most this share may be served one anyway
 * @param errorBounds δ per namespace id (16 hex chars, as traces show it), template id or "provider/model";
 *                    the most specific wins
 * @param confidence  one-sided level of the interval a serve must keep within δ
 * @param minLabels   labels a namespace needs (at least 5 of each kind) before its learned threshold replaces
 *                    the fixed policy
 * @param judge       the optional judge that confirms borderline candidates before they are served
 */
public record CalibrationSettings(boolean enabled, double errorBound, Map<String, Double> errorBounds, double confidence,
                                  int minLabels, Judge judge) {

    /**
     * @param enabled  off by default: it costs a (small) model call per borderline candidate
     * @param provider provider id (null: the request's provider)
     * @param model    model (null: the provider's default); a small local model is the point
     * @param timeout  longest the request waits for a verdict (then the candidate is explored)
     */
    public record Judge(boolean enabled, String provider, String model, Duration timeout) {
        public static final Judge OFF = new Judge(false, null, null, Duration.ofSeconds(3));

        public Judge {
            timeout = timeout == null ? Duration.ofSeconds(3) : timeout;
            if (timeout.isNegative() || timeout.isZero()) throw new IllegalArgumentException("semantic.calibration.judge.timeout must be positive");
        }
    }

    public static final CalibrationSettings DEFAULTS = new CalibrationSettings(true, 0.02, Map.of(), 0.95, 30, Judge.OFF);

    public CalibrationSettings {
        if (!(errorBound > 0 && errorBound < 1)) {
            throw new IllegalArgumentException("semantic.calibration.errorBound must be within (0, 1), was " + errorBound);
        }
        errorBounds = errorBounds == null ? Map.of() : Map.copyOf(errorBounds);
        errorBounds.forEach((k, d) -> {
            if (!(d > 0 && d < 1)) throw new IllegalArgumentException("semantic.calibration.errorBounds." + k + " must be within (0, 1), was " + d);
        });
        if (!(confidence >= 0.5 && confidence < 1)) {
            throw new IllegalArgumentException("semantic.calibration.confidence must be within [0.5, 1), was " + confidence);
        }
        if (minLabels < 2 * 5) throw new IllegalArgumentException("semantic.calibration.minLabels must be at least 10, was " + minLabels);
        judge = judge == null ? Judge.OFF : judge;
    }

    /** δ for a namespace: its own entry, else its template's, else its model's, else the default. */
    public double errorBoundFor(String namespaceId, String templateId, String model) {
        if (namespaceId != null && errorBounds.containsKey(namespaceId)) return errorBounds.get(namespaceId);
        if (templateId != null && errorBounds.containsKey(templateId)) return errorBounds.get(templateId);
        if (model != null && errorBounds.containsKey(model)) return errorBounds.get(model);
        return errorBound;
    }

    public CalibrationSettings withErrorBound(double delta) {
        return new CalibrationSettings(enabled, delta, errorBounds, confidence, minLabels, judge);
    }

    public CalibrationSettings withEnabled(boolean on) {
        return new CalibrationSettings(on, errorBound, errorBounds, confidence, minLabels, judge);
    }
}
