package dev.cachet.engine.experiments.stats;

import org.apache.commons.statistics.descriptive.Mean;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.inference.BinomialTest;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.apache.commons.statistics.inference.MannWhitneyUTest;
import org.apache.commons.statistics.inference.WilcoxonSignedRankTest;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/**
 * The numbers behind a verdict, from Apache Commons Statistics: Wilson score intervals for pass rates,
 * percentile bootstrap intervals for medians and means; between arms that share cases the paired tests
 * (McNemar's exact test, i.e. a binomial test on the discordant pairs; Wilcoxon signed-rank), otherwise
 * the unpaired ones (Fisher's exact test; Mann-Whitney U); Holm's correction when more than two arms
 * are compared on a metric. Two-sided, α = 0.05. Resampling is seeded, so the same data gives the same intervals.
 */
public final class Statistics {

    public static final double ALPHA = 0.05;
    static final int RESAMPLES = 2_000;

    private Statistics() { }

    /** One arm's name and its samples. */
    public record Arm(String name, List<Sample> samples) { }

    public static Analysis analyze(List<Arm> arms, Map<String, Integer> notRun, long seed) {
        var summaries = new ArrayList<ArmSummary>();
        for (int i = 0; i < arms.size(); i++) summaries.add(summary(arms.get(i), seed + i));
        boolean paired = arms.size() > 1 && arms.stream().allMatch(a -> keys(a).equals(keys(arms.getFirst())));
        var comparisons = new ArrayList<Comparison>();
        for (Comparison.Metric metric : Comparison.Metric.values()) {
            var raw = new ArrayList<Comparison>();
            for (int i = 0; i < arms.size(); i++) {
                for (int j = i + 1; j < arms.size(); j++) raw.add(compare(arms.get(i), arms.get(j), metric, paired));
            }
            comparisons.addAll(holm(raw));
        }
        var analysis = new Analysis(summaries, comparisons, notRun, paired, "");
        return new Analysis(summaries, comparisons, notRun, paired, Verdict.of(analysis));
    }

    static java.util.Set<String> keys(Arm a) {
        var s = new java.util.HashSet<String>();
        for (Sample x : a.samples()) s.add(x.pairKey());
        return s;
    }

    static ArmSummary summary(Arm arm, long seed) {
        int passed = 0;
        int scored = 0;
        int errors = 0;
        var lat = new ArrayList<Double>();
        var cost = new ArrayList<Double>();
        for (Sample s : arm.samples()) {
            if (!s.answered()) {
                errors++;
                continue;
            }
            lat.add(s.latencyMs());
            cost.add(s.costUsd());
            if (s.pass() != null) {
                scored++;
                if (s.pass()) passed++;
            }
        }
        ArmSummary.Interval rate = ArmSummary.Interval.NONE;
        if (scored > 0) {
            var w = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(scored, passed, ALPHA);
            rate = new ArmSummary.Interval((double) passed / scored, w.getLowerBound(), w.getUpperBound());
        }
        double[] l = unbox(lat);
        double[] c = unbox(cost);
        var rnd = new SplittableRandom(seed);
        return new ArmSummary(arm.name(), arm.samples().size(), scored, passed, errors, rate,
                bootstrap(l, Statistics::median, rnd), bootstrap(l, Statistics::mean, rnd),
                bootstrap(c, Statistics::median, rnd), bootstrap(c, Statistics::mean, rnd), Arrays.stream(c).sum());
    }

    static double median(double[] x) { return Median.withDefaults().evaluate(x); }

    static double mean(double[] x) { return Mean.of(x).getAsDouble(); }

    /** Percentile bootstrap: the statistic over {@value #RESAMPLES} resamples with replacement; the 2.5% and 97.5% points. */
    static ArmSummary.Interval bootstrap(double[] x, ToDoubleFunction<double[]> statistic, SplittableRandom rnd) {
        if (x.length == 0) return ArmSummary.Interval.NONE;
        double estimate = statistic.applyAsDouble(x);
        if (x.length == 1) return new ArmSummary.Interval(estimate, estimate, estimate);
        double[] stats = new double[RESAMPLES];
        double[] resample = new double[x.length];
        for (int b = 0; b < RESAMPLES; b++) {
            for (int i = 0; i < x.length; i++) resample[i] = x[rnd.nextInt(x.length)];
            stats[b] = statistic.applyAsDouble(resample);
        }
        Arrays.sort(stats);
        return new ArmSummary.Interval(estimate, stats[(int) Math.floor(0.025 * (RESAMPLES - 1))], stats[(int) Math.ceil(0.975 * (RESAMPLES - 1))]);
    }

    static Comparison compare(Arm a, Arm b, Comparison.Metric metric, boolean paired) {
        return switch (metric) {
            case PASS_RATE -> paired ? mcnemar(a, b) : fisher(a, b);
            case LATENCY -> paired ? wilcoxon(a, b, metric, Sample::latencyMs) : mannWhitney(a, b, metric, Sample::latencyMs);
            case COST -> paired ? wilcoxon(a, b, metric, Sample::costUsd) : mannWhitney(a, b, metric, Sample::costUsd);
        };
    }

    /** Pairs both arms have an answer for (and, for pass rate, a verdict for). */
    private static List<Sample[]> pairs(Arm a, Arm b, boolean needVerdict) {
        Map<String, Sample> byKey = new LinkedHashMap<>();
        for (Sample s : b.samples()) byKey.put(s.pairKey(), s);
        var out = new ArrayList<Sample[]>();
        for (Sample x : a.samples()) {
            Sample y = byKey.get(x.pairKey());
            if (y == null || !x.answered() || !y.answered()) continue;
            if (needVerdict && (x.pass() == null || y.pass() == null)) continue;
            out.add(new Sample[]{x, y});
        }
        return out;
    }

    /** McNemar's exact test: of the pairs where the arms disagree, does one side win more than half? */
    static Comparison mcnemar(Arm a, Arm b) {
        var pairs = pairs(a, b, true);
        int onlyA = 0;
        int onlyB = 0;
        for (Sample[] p : pairs) {
            if (p[0].pass() && !p[1].pass()) onlyA++;
            if (!p[0].pass() && p[1].pass()) onlyB++;
        }
        double p = onlyA + onlyB == 0 ? 1 : BinomialTest.withDefaults().test(onlyA + onlyB, onlyA, 0.5).getPValue();
        String better = onlyA == onlyB ? null : onlyA > onlyB ? a.name() : b.name();
        return new Comparison(a.name(), b.name(), Comparison.Metric.PASS_RATE, "McNemar (exact)", p, p, false, better, pairs.size());
    }

    static Comparison fisher(Arm a, Arm b) {
        int[] x = counts(a);
        int[] y = counts(b);
        double p = x[0] + x[1] == 0 || y[0] + y[1] == 0 ? 1
                : FisherExactTest.withDefaults().test(new int[][]{{x[0], x[1]}, {y[0], y[1]}}).getPValue();
        double ra = x[0] + x[1] == 0 ? 0 : (double) x[0] / (x[0] + x[1]);
        double rb = y[0] + y[1] == 0 ? 0 : (double) y[0] / (y[0] + y[1]);
        String better = ra == rb ? null : ra > rb ? a.name() : b.name();
        return new Comparison(a.name(), b.name(), Comparison.Metric.PASS_RATE, "Fisher exact", p, p, false, better,
                Math.min(x[0] + x[1], y[0] + y[1]));
    }

    private static int[] counts(Arm a) {
        int pass = 0;
        int fail = 0;
        for (Sample s : a.samples()) {
            if (!s.answered() || s.pass() == null) continue;
            if (s.pass()) pass++; else fail++;
        }
        return new int[]{pass, fail};
    }

    static Comparison wilcoxon(Arm a, Arm b, Comparison.Metric metric, ToDoubleFunction<Sample> value) {
        var pairs = pairs(a, b, false);
        double[] x = new double[pairs.size()];
        double[] y = new double[pairs.size()];
        boolean differ = false;
        for (int i = 0; i < pairs.size(); i++) {
            x[i] = value.applyAsDouble(pairs.get(i)[0]);
            y[i] = value.applyAsDouble(pairs.get(i)[1]);
            differ |= x[i] != y[i];
        }
        double p = 1;
        if (differ && pairs.size() > 1) {
            try {
                p = WilcoxonSignedRankTest.withDefaults().test(x, y).getPValue();
            } catch (IllegalArgumentException e) {
                p = 1;
            }
        }
        double mx = pairs.isEmpty() ? 0 : median(x);
        double my = pairs.isEmpty() ? 0 : median(y);
        String better = mx == my ? null : mx < my ? a.name() : b.name();
        return new Comparison(a.name(), b.name(), metric, "Wilcoxon signed-rank", p, p, false, better, pairs.size());
    }

    static Comparison mannWhitney(Arm a, Arm b, Comparison.Metric metric, ToDoubleFunction<Sample> value) {
        double[] x = a.samples().stream().filter(Sample::answered).mapToDouble(value).toArray();
        double[] y = b.samples().stream().filter(Sample::answered).mapToDouble(value).toArray();
        double p = 1;
        boolean constant = x.length > 0 && y.length > 0 && Arrays.stream(x).allMatch(v -> v == x[0]) && Arrays.stream(y).allMatch(v -> v == x[0]);
        if (x.length > 0 && y.length > 0 && !constant) {
            try {
                p = MannWhitneyUTest.withDefaults().test(x, y).getPValue();
            } catch (IllegalArgumentException e) {
                p = 1;
            }
        }
        double mx = x.length == 0 ? 0 : median(x);
        double my = y.length == 0 ? 0 : median(y);
        String better = mx == my ? null : mx < my ? a.name() : b.name();
        return new Comparison(a.name(), b.name(), metric, "Mann-Whitney U", p, p, false, better, Math.min(x.length, y.length));
    }

    /** Holm's step-down correction over one metric's comparisons; significance at {@link #ALPHA} after it. */
    static List<Comparison> holm(List<Comparison> raw) {
        int m = raw.size();
        var order = new ArrayList<Integer>();
        for (int i = 0; i < m; i++) order.add(i);
        order.sort((i, j) -> Double.compare(raw.get(i).pValue(), raw.get(j).pValue()));
        double[] adjusted = new double[m];
        double running = 0;
        for (int rank = 0; rank < m; rank++) {
            int i = order.get(rank);
            running = Math.max(running, Math.min(1, (m - rank) * raw.get(i).pValue()));
            adjusted[i] = running;
        }
        var out = new ArrayList<Comparison>();
        for (int i = 0; i < m; i++) {
            Comparison c = raw.get(i);
            out.add(new Comparison(c.a(), c.b(), c.metric(), c.test(), c.pValue(), adjusted[i], adjusted[i] < ALPHA, c.better(), c.pairs()));
        }
        return out;
    }

    private static double[] unbox(List<Double> l) {
        double[] out = new double[l.size()];
        for (int i = 0; i < out.length; i++) out[i] = l.get(i);
        return out;
    }
}
