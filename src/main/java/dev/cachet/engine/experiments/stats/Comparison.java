package dev.cachet.engine.experiments.stats;

/**
 * One test between two arms on one metric.
 *
 * @param test      the test used ("McNemar (exact)", "Fisher exact", "Wilcoxon signed-rank", "Mann-Whitney U")
 * @param pValue    the test's p-value
 * @param pAdjusted after Holm's correction over the comparisons of this metric (the same when there is one)
 * @param better    the arm that does better on the metric (more passes, faster, cheaper), or null when equal
 * @param pairs     pairs (paired tests) or the smaller sample (unpaired)
 */
public record Comparison(String a, String b, Metric metric, String test, double pValue, double pAdjusted, boolean significant,
                         String better, int pairs) {

    public enum Metric {
        PASS_RATE("passRate"), LATENCY("latency"), COST("cost");

        private final String json;
        Metric(String json) { this.json = json; }
        public String json() { return json; }
    }
}
