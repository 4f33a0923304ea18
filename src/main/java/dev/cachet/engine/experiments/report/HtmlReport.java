package dev.cachet.engine.experiments.report;

import dev.cachet.engine.experiments.ExperimentDefinition;
import dev.cachet.engine.experiments.TestCase;
import dev.cachet.engine.experiments.assertions.AssertionResult;
import dev.cachet.engine.experiments.run.CellRecord;
import dev.cachet.engine.experiments.stats.ArmSummary;
import dev.cachet.engine.experiments.stats.Comparison;
import dev.cachet.engine.experiments.stats.Verdict;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * A self-contained HTML report a colleague can open anywhere: verdict, figures with intervals, the
 * tests, both charts as inline SVG, and the results matrix (cases × arms) whose cells open to show the
 * output and every assertion's reason. No scripts, no outside files.
 */
public final class HtmlReport {

    private HtmlReport() { }

    public static String of(RunResults r) {
        ExperimentDefinition d = r.definition();
        var a = r.analysis();
        var sb = new StringBuilder();
        sb.append("<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>").append(Html.escape("Experiment " + d.id() + " — run " + r.run().id()))
                .append("</title><style>").append(STYLE).append("</style></head><body>");
        sb.append("<h1>").append(Html.escape(d.id())).append(" <small>run ").append(r.run().id()).append("</small></h1>");
        if (d.description() != null) sb.append("<p>").append(Html.escape(d.description())).append("</p>");
        sb.append("<p class='meta'>").append(Html.escape(d.source())).append(" · ").append(r.cells().size()).append(" of ")
                .append(r.run().totalCells()).append(" cells · ").append(Html.escape(TextReport.cachePolicy(d.cache()))).append(" · seed ")
                .append(d.seed()).append(" · ").append(Html.escape(r.run().created().toString())).append("</p>");
        sb.append("<p class='verdict'>").append(Html.escape(a.verdict())).append("</p>");

        sb.append("<h2>Arms</h2><table><tr><th>arm</th><th>model</th><th>cells</th><th>pass rate</th><th>95% interval</th>")
                .append("<th>latency median (95%)</th><th>latency mean</th><th>cost</th><th>errors</th></tr>");
        var arms = d.arms();
        for (int i = 0; i < a.arms().size(); i++) {
            ArmSummary s = a.arms().get(i);
            sb.append("<tr><td>").append(Html.escape(s.name())).append("</td><td>").append(Html.escape(arms.get(i).model().label()))
                    .append("</td><td>").append(s.cells()).append("</td><td>").append(Verdict.pct(s.passRate().estimate())).append("</td><td>")
                    .append(s.passRate().known() ? Verdict.pct(s.passRate().low()) + "–" + Verdict.pct(s.passRate().high()) : "").append("</td><td>")
                    .append(s.latencyMedianMs().known() ? TextReport.ms(s.latencyMedianMs().estimate()) + " (" + TextReport.ms(s.latencyMedianMs().low())
                            + "–" + TextReport.ms(s.latencyMedianMs().high()) + ")" : "").append("</td><td>")
                    .append(s.latencyMeanMs().known() ? TextReport.ms(s.latencyMeanMs().estimate()) : "").append("</td><td>")
                    .append(String.format(Locale.ROOT, "$%.6f", s.costTotalUsd())).append("</td><td>").append(s.errors()).append("</td></tr>");
        }
        sb.append("</table>");
        sb.append("<h2>Tests</h2><table><tr><th>a</th><th>b</th><th>metric</th><th>test</th><th>p</th><th>significant</th><th>better</th></tr>");
        for (Comparison c : a.comparisons()) {
            sb.append("<tr><td>").append(Html.escape(c.a())).append("</td><td>").append(Html.escape(c.b())).append("</td><td>").append(c.metric().json())
                    .append("</td><td>").append(c.test()).append("</td><td>").append(Verdict.p(c.pAdjusted()))
                    .append(c.pAdjusted() != c.pValue() ? " (Holm)" : "").append("</td><td>").append(c.significant() ? "yes" : "no")
                    .append("</td><td>").append(Html.escape(c.better() == null ? "" : c.better())).append("</td></tr>");
        }
        sb.append("</table>");
        if (!a.notRun().isEmpty()) {
            sb.append("<p class='warn'>Not run (Cachet has no runtime for them): ");
            var parts = new ArrayList<String>();
            a.notRun().forEach((t, n) -> parts.add(Html.escape(t) + " ×" + n));
            sb.append(String.join(", ", parts)).append("</p>");
        }
        sb.append("<h2>Charts</h2><div class='charts'>").append(Svg.passRates(a.arms()));
        var latencies = new ArrayList<double[]>();
        for (var arm : arms) {
            latencies.add(r.cells().stream().filter(c -> c.arm() == arm.index() && c.status() != CellRecord.Status.ERROR)
                    .mapToDouble(CellRecord::latencyMs).toArray());
        }
        sb.append(Svg.latency(a.arms(), latencies)).append("</div>");
        matrix(sb, r, arms);
        sb.append("<p class='meta'>Written by Cachet. Intervals: Wilson score (pass rate), percentile bootstrap (latency, cost). ")
                .append("Tests: McNemar exact and Wilcoxon signed-rank when arms share cases, Fisher exact and Mann-Whitney U otherwise; ")
                .append("Holm's correction with more than two arms; α = 0.05.</p></body></html>");
        return sb.toString();
    }

    private static void matrix(StringBuilder sb, RunResults r, List<ExperimentDefinition.Arm> arms) {
        sb.append("<h2>Results</h2><table class='matrix'><tr><th>case</th>");
        for (var arm : arms) sb.append("<th>").append(Html.escape(arm.name())).append("</th>");
        sb.append("</tr>");
        for (TestCase c : r.definition().cases()) {
            for (int rep = 0; rep < r.definition().repeat(); rep++) {
                sb.append("<tr><td>").append(Html.escape(c.title())).append(r.definition().repeat() > 1 ? " #" + (rep + 1) : "").append("</td>");
                for (var arm : arms) {
                    CellRecord cell = r.cell(arm.index(), c.index(), rep);
                    if (cell == null) {
                        sb.append("<td class='pending'>–</td>");
                        continue;
                    }
                    String cls = cell.status().name().toLowerCase(Locale.ROOT);
                    sb.append("<td class='").append(cls).append("'><details><summary>").append(cls.replace('_', ' '))
                            .append(String.format(Locale.ROOT, " · %s", TextReport.ms(cell.latencyMs()))).append("</summary><pre>")
                            .append(Html.escape(cell.output())).append("</pre><ul>");
                    for (AssertionResult ar : cell.assertions()) {
                        sb.append("<li class='").append(ar.status().name().toLowerCase(Locale.ROOT)).append("'>").append(Html.escape(ar.describe()))
                                .append(": ").append(Html.escape(ar.reason())).append("</li>");
                    }
                    if (cell.status() == CellRecord.Status.ERROR) sb.append("<li class='failed'>").append(Html.escape(cell.reason())).append("</li>");
                    sb.append("</ul></details></td>");
                }
                sb.append("</tr>");
            }
        }
        sb.append("</table>");
    }

    private static final String STYLE = """
            body{font-family:system-ui,sans-serif;margin:24px;color:#1f2937;max-width:1200px}
            h1 small{color:#6b7280;font-weight:normal}
            .meta{color:#6b7280;font-size:13px}
            .verdict{font-size:17px;font-weight:600;background:#eef2ff;padding:10px 14px;border-radius:6px}
            .warn{background:#fef3c7;padding:8px 12px;border-radius:6px}
            table{border-collapse:collapse;margin:8px 0 16px}
            th,td{border:1px solid #e5e7eb;padding:4px 8px;text-align:left;vertical-align:top;font-size:13px}
            th{background:#f3f4f6}
            .charts svg{display:block;margin:8px 0 12px}
            td.passed{background:#dcfce7} td.failed{background:#fee2e2} td.error{background:#fde68a} td.not_scored{background:#f3f4f6}
            li.passed{color:#166534} li.failed{color:#991b1b} li.not_run{color:#92400e}
            pre{white-space:pre-wrap;max-width:420px;font-size:12px}
            summary{cursor:pointer}
            """;
}
