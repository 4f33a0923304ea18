package dev.cachet.engine.semantic;

import dev.cachet.engine.semantic.calibration.Calibration;

import java.util.Locale;

/**
 * How the namespace's calibration judged the deciding candidate.
 *
 * @param calibration the namespace's calibration at the time (null under the fixed policy)
 * @param agree       the model's estimate that the cached answer is right for this query (NaN while warming up)
 * @param agreeLow    the lower end of that estimate at the calibration's confidence
 * @param judge       what the judge said ("same", "different", "no verdict: ..."), or null when not asked
 */
public record Assessment(Calibration calibration, double agree, double agreeLow, String judge) {

    public static final Assessment NONE = new Assessment(null, Double.NaN, Double.NaN, null);

    public static Assessment of(Calibration c, double score) {
        return new Assessment(c, c.agreeProbability(score), c.agreeProbabilityLow(score), null);
    }

    public Assessment withJudge(String verdict) { return new Assessment(calibration, agree, agreeLow, verdict); }

    public boolean learned() { return calibration != null && calibration.phase() == Calibration.Phase.LEARNED; }

    /** "P(same) 0.97 (≥ 0.95)" or "" while warming up. */
    public String agreeText() {
        if (Double.isNaN(agree)) return "";
        return String.format(Locale.ROOT, "P(same) %.2f (≥ %.2f)", agree, agreeLow);
    }
}
