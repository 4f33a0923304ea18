package dev.cachet.engine.semantic.calibration;

import java.util.Locale;

/**
 * What one namespace has learned, as of its last refit: where it serves, where it stops learning,
 * and how sure it is. Immutable; a lookup reads it without locking.
 *
 * <p>The promise is on the <b>false-hit rate</b>: of the lookups that have no right answer in the
 * cache, at most {@code delta} may be served one anyway. {@code estimate} is that rate for the
 * current serve threshold over every lookup the namespace has seen, with its interval.
 *
 * @param phase       {@link Phase#WARMING_UP} until enough labels of both kinds exist, then {@link Phase#LEARNED}
 * @param delta       the error bound the user set for this namespace
 * @param confidence  the one-sided level of the bound ({@code estimate.high} is its upper end)
 * @param serveAt     the lowest cosine served (above 1: none yet)
 * @param missBelow   below this cosine a candidate is a plain miss: the model gives it under 1% of being right
 * @param agreeLabels labelled lookups whose answers agreed
 * @param disagreeLabels labelled lookups whose answers differed
 * @param lookups     lookups with a candidate counted so far
 * @param estimate    false-hit rate at {@code serveAt}: mean and interval (NaN when nothing is served)
 */
public record Calibration(Phase phase, double delta, double confidence, double serveAt, double missBelow,
                          int agreeLabels, int disagreeLabels, long lookups, Estimate estimate,
                          double[] agreeMean, double[] agreeLow) {

    public enum Phase {
        /** Too few labels: today's fixed policy decides, every other candidate is explored. */
        WARMING_UP,
        /** The learned threshold decides. */
        LEARNED
    }

    /** A rate with its interval: {@code low} and {@code high} are the (1 - confidence) and confidence quantiles. */
    public record Estimate(double mean, double low, double high) {
        public static final Estimate NONE = new Estimate(Double.NaN, Double.NaN, Double.NaN);
        public boolean known() { return !Double.isNaN(mean); }
    }

    public static Calibration warmingUp(double delta, double confidence, int agree, int disagree, long lookups) {
        return new Calibration(Phase.WARMING_UP, delta, confidence, Double.POSITIVE_INFINITY, 0, agree, disagree, lookups,
                Estimate.NONE, null, null);
    }

    public int labels() { return agreeLabels + disagreeLabels; }

    /** The model's mean P(right answer) at a score; NaN while warming up. */
    public double agreeProbability(double score) {
        return agreeMean == null ? Double.NaN : agreeMean[ScoreBins.of(score)];
    }

    /** The lower end of P(right answer) at a score (the confidence level's quantile); NaN while warming up. */
    public double agreeProbabilityLow(double score) {
        return agreeLow == null ? Double.NaN : agreeLow[ScoreBins.of(score)];
    }

    public boolean serves(double score) { return phase == Phase.LEARNED && score >= serveAt; }

    /** One line for traces and the inspector. */
    public String describe() {
        return switch (phase) {
            case WARMING_UP -> String.format(Locale.ROOT, "warming up: %d labels so far (%d same, %d different); the fixed policy decides",
                    labels(), agreeLabels, disagreeLabels);
            case LEARNED -> serveAt > 1
                    ? String.format(Locale.ROOT, "learned from %d labels: no score keeps false hits under %.1f%% yet", labels(), delta * 100)
                    : String.format(Locale.ROOT, "learned from %d labels: serve from %.3f, false hits %.2f%% (%.2f–%.2f%%) ≤ %.1f%%",
                            labels(), serveAt, estimate.mean() * 100, estimate.low() * 100, estimate.high() * 100, delta * 100);
        };
    }
}
