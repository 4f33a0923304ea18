package dev.cachet.engine.experiments.stats;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The one line a person acts on: "B passes more often: 78% vs 61%, p = 0.003; latency no different".
 * Pass rate first (what the assertions say), then latency and cost; with more than two arms, the best one
 * and whom it beats after Holm's correction; cells that failed and assertions that could not run are named.
 */
public final class Verdict {

    private Verdict() { }

    static String of(Analysis a) {
        var parts = new ArrayList<String>();
        if (a.arms().size() < 2) {
            parts.add(single(a.arms().isEmpty() ? null : a.arms().getFirst()));
        } else {
            parts.add(passRate(a));
            parts.add(speedOrCost(a, Comparison.Metric.LATENCY, "faster", "latency no different"));
            boolean costs = a.arms().stream().anyMatch(s -> s.costTotalUsd() > 0);
            if (costs) parts.add(speedOrCost(a, Comparison.Metric.COST, "cheaper", "cost no different"));
        }
        int errors = a.arms().stream().mapToInt(ArmSummary::errors).sum();
        if (errors > 0) parts.add(errors + (errors == 1 ? " cell" : " cells") + " failed to answer (resume retries them)");
        if (!a.notRun().isEmpty()) {
            var names = new ArrayList<String>();
            a.notRun().forEach((type, n) -> names.add(type + " ×" + n));
            parts.add("not run: " + String.join(", ", names));
        }
        return String.join("; ", parts.stream().filter(s -> !s.isEmpty()).toList());
    }

    private static String single(ArmSummary s) {
        if (s == null) return "no results yet";
        if (!s.passRate().known()) return s.name() + ": no assertion could be scored";
        return String.format(Locale.ROOT, "%s passes %s (95%% interval %s–%s) of %d cells", s.name(), pct(s.passRate().estimate()),
                pct(s.passRate().low()), pct(s.passRate().high()), s.scored());
    }

    private static String passRate(Analysis a) {
        List<ArmSummary> scored = a.arms().stream().filter(s -> s.passRate().known()).toList();
        if (scored.size() < 2) return "pass rates cannot be compared: too few scored cells";
        List<Comparison> cs = of(a, Comparison.Metric.PASS_RATE);
        if (a.arms().size() == 2) {
            Comparison c = cs.getFirst();
            ArmSummary x = arm(a, c.a());
            ArmSummary y = arm(a, c.b());
            if (c.significant() && c.better() != null) {
                ArmSummary win = c.better().equals(x.name()) ? x : y;
                ArmSummary lose = win == x ? y : x;
                return String.format(Locale.ROOT, "%s passes more often: %s vs %s, %s", win.name(), pct(win.passRate().estimate()),
                        pct(lose.passRate().estimate()), p(c.pAdjusted()));
            }
            return String.format(Locale.ROOT, "pass rates not different: %s %s vs %s %s, %s", x.name(), pct(x.passRate().estimate()),
                    y.name(), pct(y.passRate().estimate()), p(c.pAdjusted()));
        }
        ArmSummary best = scored.stream().max(Comparator.comparingDouble(s -> s.passRate().estimate())).orElseThrow();
        var beaten = new ArrayList<String>();
        double worstP = 0;
        for (Comparison c : cs) {
            if (!c.significant() || !best.name().equals(c.better())) continue;
            String other = c.a().equals(best.name()) ? c.b() : c.a();
            if (!(c.a().equals(best.name()) || c.b().equals(best.name()))) continue;
            beaten.add(String.format(Locale.ROOT, "%s (%s, %s)", other, pct(arm(a, other).passRate().estimate()), p(c.pAdjusted())));
            worstP = Math.max(worstP, c.pAdjusted());
        }
        if (beaten.isEmpty()) {
            return String.format(Locale.ROOT, "no arm passes significantly more often (best: %s %s; Holm-corrected)", best.name(),
                    pct(best.passRate().estimate()));
        }
        return String.format(Locale.ROOT, "%s passes most often (%s), more than %s (Holm-corrected)", best.name(),
                pct(best.passRate().estimate()), String.join(", ", beaten));
    }

    private static String speedOrCost(Analysis a, Comparison.Metric metric, String adjective, String none) {
        List<Comparison> sig = of(a, metric).stream().filter(c -> c.significant() && c.better() != null).toList();
        if (sig.isEmpty()) return none;
        if (a.arms().size() == 2) {
            Comparison c = sig.getFirst();
            ArmSummary win = arm(a, c.better());
            ArmSummary lose = arm(a, c.better().equals(c.a()) ? c.b() : c.a());
            return String.format(Locale.ROOT, "%s is %s: median %s vs %s, %s", win.name(), adjective, value(metric, win), value(metric, lose),
                    p(c.pAdjusted()));
        }
        Optional<ArmSummary> best = a.arms().stream().filter(s -> median(metric, s).known())
                .min(Comparator.comparingDouble(s -> median(metric, s).estimate()));
        long wins = sig.stream().filter(c -> best.isPresent() && best.get().name().equals(c.better())).count();
        if (best.isEmpty() || wins == 0) return metric == Comparison.Metric.LATENCY ? "latency differs between some arms" : "cost differs between some arms";
        return String.format(Locale.ROOT, "%s is %s (median %s) than %d of the others", best.get().name(), adjective, value(metric, best.get()), wins);
    }

    private static ArmSummary.Interval median(Comparison.Metric m, ArmSummary s) {
        return m == Comparison.Metric.LATENCY ? s.latencyMedianMs() : s.costMedianUsd();
    }

    private static String value(Comparison.Metric m, ArmSummary s) {
        double v = median(m, s).estimate();
        return m == Comparison.Metric.LATENCY ? ms(v) : usd(v);
    }

    static String ms(double v) { return v < 10 ? String.format(Locale.ROOT, "%.2f ms", v) : String.format(Locale.ROOT, "%.0f ms", v); }

    static String usd(double v) { return String.format(Locale.ROOT, "$%.6f", v); }

    private static List<Comparison> of(Analysis a, Comparison.Metric m) {
        return a.comparisons().stream().filter(c -> c.metric() == m).toList();
    }

    private static ArmSummary arm(Analysis a, String name) {
        return a.arms().stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
    }

    public static String pct(double r) { return Double.isNaN(r) ? "–" : String.format(Locale.ROOT, "%.0f%%", 100 * r); }

    public static String p(double p) {
        if (p < 0.001) return "p < 0.001";
        return p < 0.01 ? String.format(Locale.ROOT, "p = %.3f", p) : String.format(Locale.ROOT, "p = %.2f", p);
    }
}
