package dev.cachet.engine.experiments.stats;

/**
 * One arm's figures, each with its 95% interval: pass rate (Wilson score), latency and cost medians and
 * means (percentile bootstrap).
 *
 * @param cells    cells stored
 * @param scored   cells in the pass rate (passed + failed)
 * @param errors   cells whose call failed
 */
public record ArmSummary(String name, int cells, int scored, int passed, int errors, Interval passRate, Interval latencyMedianMs,
                         Interval latencyMeanMs, Interval costMedianUsd, Interval costMeanUsd, double costTotalUsd) {

    /** An estimate with its 95% interval; NaN throughout when there is no data. */
    public record Interval(double estimate, double low, double high) {
        public static final Interval NONE = new Interval(Double.NaN, Double.NaN, Double.NaN);
        public boolean known() { return !Double.isNaN(estimate); }
    }
}
