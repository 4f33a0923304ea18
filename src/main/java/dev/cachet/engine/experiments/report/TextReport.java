package dev.cachet.engine.experiments.report;

import dev.cachet.engine.chat.CacheMode;
import dev.cachet.engine.experiments.stats.Analysis;
import dev.cachet.engine.experiments.stats.ArmSummary;
import dev.cachet.engine.experiments.stats.Comparison;
import dev.cachet.engine.experiments.stats.Verdict;

import java.util.Locale;

/** The results table the CLI prints: one row per arm with its intervals, the tests, the verdict. */
public final class TextReport {

    private TextReport() { }

    public static String of(RunResults r) { return of(r, r.analysis()); }

    public static String of(RunResults r, Analysis a) {
        var sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "run %d of %s (%s) · %s · %s%n", r.run().id(), r.definition().id(), r.definition().source(),
                r.run().statusAt(java.time.Instant.now()).name().toLowerCase(Locale.ROOT), cachePolicy(r.definition().cache())));
        int w = Math.max(8, a.arms().stream().mapToInt(s -> s.name().length()).max().orElse(8));
        sb.append(String.format(Locale.ROOT, "%-" + w + "s %6s %7s %-15s %-22s %12s %6s%n", "arm", "cells", "pass", "95% interval",
                "latency p50 (95%)", "cost", "errors"));
        for (ArmSummary s : a.arms()) {
            sb.append(String.format(Locale.ROOT, "%-" + w + "s %6d %7s %-15s %-22s %12s %6d%n", s.name(), s.cells(),
                    Verdict.pct(s.passRate().estimate()), s.passRate().known() ? Verdict.pct(s.passRate().low()) + "–" + Verdict.pct(s.passRate().high()) : "",
                    s.latencyMedianMs().known() ? ms(s.latencyMedianMs().estimate()) + " (" + ms(s.latencyMedianMs().low()) + "–" + ms(s.latencyMedianMs().high()) + ")" : "",
                    String.format(Locale.ROOT, "$%.6f", s.costTotalUsd()), s.errors()));
        }
        for (Comparison c : a.comparisons()) {
            sb.append(String.format(Locale.ROOT, "  %s vs %s, %s: %s, %s%s%s%n", c.a(), c.b(), c.metric().json(), c.test(), Verdict.p(c.pAdjusted()),
                    c.pAdjusted() != c.pValue() ? " (Holm; raw " + Verdict.p(c.pValue()) + ")" : "", c.significant() ? " — significant" : ""));
        }
        if (!a.notRun().isEmpty()) {
            sb.append("not run (Cachet has no runtime for them): ");
            var parts = new java.util.ArrayList<String>();
            a.notRun().forEach((t, n) -> parts.add(t + " ×" + n));
            sb.append(String.join(", ", parts)).append('\n');
        }
        sb.append("verdict: ").append(a.verdict()).append('\n');
        return sb.toString();
    }

    /** What the report says about the cache, so nobody mistakes cached answers for fresh ones. */
    public static String cachePolicy(CacheMode mode) {
        return switch (mode) {
            case BYPASS -> "cache: bypass (every cell asked the model)";
            case USE -> "cache: use (cells may be answered from the cache; latency then is the cache's)";
            case REFRESH -> "cache: refresh (every cell asked the model; answers stored)";
        };
    }

    static String ms(double v) { return v < 10 ? String.format(Locale.ROOT, "%.2f ms", v) : String.format(Locale.ROOT, "%.0f ms", v); }
}
