package dev.cachet.engine.experiments.live;

import dev.cachet.engine.experiments.stats.Analysis;
import dev.cachet.engine.experiments.stats.ArmSummary;
import dev.cachet.engine.experiments.stats.Comparison;
import dev.cachet.engine.experiments.stats.Sample;
import dev.cachet.engine.experiments.stats.Statistics;
import dev.cachet.engine.experiments.stats.Verdict;
import org.apache.commons.statistics.descriptive.Median;
import org.apache.commons.statistics.inference.FisherExactTest;
import org.apache.commons.statistics.interval.BinomialConfidenceInterval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Live answers to statistics: each variant is an arm whose "pass" is a 👍 (unrated answers are not scored),
 * compared unpaired (sessions differ) by the experiments' {@link Statistics}; cache-hit and regenerate
 * rates get Wilson intervals, regenerate rates Fisher's exact test.
 */
final class LiveStatistics {

    static final long SEED = 42;

    private LiveStatistics() { }

    static LiveReport report(String templateId, List<LiveAnswer> answers, List<String> order) {
        var byVariant = new LinkedHashMap<String, List<LiveAnswer>>();
        for (String v : order) byVariant.put(v, new ArrayList<>());
        for (LiveAnswer a : answers) byVariant.computeIfAbsent(a.variant(), k -> new ArrayList<>()).add(a);
        var arms = new ArrayList<Statistics.Arm>();
        for (var e : byVariant.entrySet()) {
            var samples = new ArrayList<Sample>();
            for (LiveAnswer a : e.getValue()) samples.add(new Sample(a.requestId(), a.feedback(), a.latencyMs(), a.costUsd(), a.answered()));
            arms.add(new Statistics.Arm(e.getKey(), samples));
        }
        Analysis analysis = Statistics.analyze(arms, Map.of(), SEED);
        var variants = new ArrayList<LiveVariant>();
        int i = 0;
        for (var e : byVariant.entrySet()) variants.add(variant(e.getKey(), e.getValue(), analysis.arms().get(i++)));
        var regen = new ArrayList<LiveReport.RegenerateTest>();
        for (int x = 0; x < variants.size(); x++) {
            for (int y = x + 1; y < variants.size(); y++) regen.add(regenerate(variants.get(x), variants.get(y)));
        }
        String leader = leader(analysis);
        return new LiveReport(templateId, variants, analysis, regen, leader, verdict(variants, analysis, regen, leader));
    }

    private static LiveVariant variant(String name, List<LiveAnswer> as, ArmSummary s) {
        int up = 0;
        int down = 0;
        int hits = 0;
        int regenerates = 0;
        int answered = 0;
        var ttft = new ArrayList<Double>();
        for (LiveAnswer a : as) {
            if (Boolean.TRUE.equals(a.feedback())) up++;
            if (Boolean.FALSE.equals(a.feedback())) down++;
            if (a.regenerate()) regenerates++;
            if (!a.answered()) continue;
            answered++;
            if (a.cacheHit()) hits++;
            if (a.ttftMs() != null) ttft.add(a.ttftMs());
        }
        double ttftMedian = ttft.isEmpty() ? Double.NaN : Median.withDefaults().evaluate(ttft.stream().mapToDouble(Double::doubleValue).toArray());
        return new LiveVariant(name, as.size(), as.size() - answered, up, down, s.passRate(), s.latencyMedianMs(), ttftMedian,
                s.costTotalUsd(), wilson(hits, answered), wilson(regenerates, as.size()), regenerates);
    }

    static ArmSummary.Interval wilson(int successes, int trials) {
        if (trials == 0) return ArmSummary.Interval.NONE;
        var w = BinomialConfidenceInterval.WILSON_SCORE.fromErrorRate(trials, successes, Statistics.ALPHA);
        return new ArmSummary.Interval((double) successes / trials, w.getLowerBound(), w.getUpperBound());
    }

    private static LiveReport.RegenerateTest regenerate(LiveVariant a, LiveVariant b) {
        int[][] table = {{a.regenerates(), a.answers() - a.regenerates()}, {b.regenerates(), b.answers() - b.regenerates()}};
        double p = a.answers() == 0 || b.answers() == 0 ? 1 : FisherExactTest.withDefaults().test(table).getPValue();
        double ra = a.regenerateRate().known() ? a.regenerateRate().estimate() : 0;
        double rb = b.regenerateRate().known() ? b.regenerateRate().estimate() : 0;
        return new LiveReport.RegenerateTest(a.name(), b.name(), p, p < Statistics.ALPHA, ra == rb ? null : ra < rb ? a.name() : b.name());
    }

    /** The variant that gets significantly more 👍 than every other one (Holm-corrected), or null. */
    static String leader(Analysis a) {
        if (a.arms().size() < 2) return null;
        for (ArmSummary s : a.arms()) {
            var mine = a.comparisons().stream().filter(c -> c.metric() == Comparison.Metric.PASS_RATE
                    && (c.a().equals(s.name()) || c.b().equals(s.name()))).toList();
            if (!mine.isEmpty() && mine.stream().allMatch(c -> c.significant() && s.name().equals(c.better()))) return s.name();
        }
        return null;
    }

    private static String verdict(List<LiveVariant> vs, Analysis a, List<LiveReport.RegenerateTest> regen, String leader) {
        int rated = vs.stream().mapToInt(v -> v.thumbsUp() + v.thumbsDown()).sum();
        int total = vs.stream().mapToInt(LiveVariant::answers).sum();
        var parts = new ArrayList<String>();
        if (total == 0) return "no chat answers from this split yet";
        if (leader != null) {
            var c = a.comparisons().stream().filter(x -> x.metric() == Comparison.Metric.PASS_RATE && leader.equals(x.better()))
                    .mapToDouble(Comparison::pAdjusted).max().orElse(1);
            LiveVariant win = vs.stream().filter(v -> v.name().equals(leader)).findFirst().orElseThrow();
            parts.add(String.format(Locale.ROOT, "%s is rated good more often: %s of %d rated, %s", leader, Verdict.pct(win.upRate().estimate()),
                    win.thumbsUp() + win.thumbsDown(), Verdict.p(c)));
        } else {
            parts.add(rated == 0 ? "no answer rated yet" : "good rates not different yet (" + rated + " rated)");
        }
        var faster = a.comparisons().stream().filter(c -> c.metric() == Comparison.Metric.LATENCY && c.significant() && c.better() != null).findFirst();
        parts.add(faster.map(c -> c.better() + " is faster (" + Verdict.p(c.pAdjusted()) + ")").orElse("latency no different"));
        regen.stream().filter(LiveReport.RegenerateTest::significant).findFirst()
                .ifPresent(r -> parts.add(r.fewer() + " is regenerated less often (" + Verdict.p(r.pValue()) + ")"));
        parts.add(total + " answers");
        return String.join("; ", parts);
    }
}
