package dev.cachet.ui.dashboard;

import dev.cachet.engine.routing.RouteDecision;
import dev.cachet.engine.routing.RoutingMetrics;

import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The routing charts from {@link RoutingMetrics}: decisions per second by route (the route mix),
 * the share of decisions each method made (heuristic alone vs the fallbacks), and the route stage's
 * time per decision (p50, p95).
 */
final class RoutingCharts {

    private RoutingCharts() { }

    /** The charts on {@code axis} (the other charts' points): a point with no routing second is zero. */
    static Map<String, ChartData> build(RoutingMetrics.Snapshot s, List<Instant> axis) {
        int n = axis.size();
        double[] x = new double[n];
        long newest = n == 0 ? 0 : axis.get(n - 1).getEpochSecond();
        for (int i = 0; i < n; i++) x[i] = axis.get(i).getEpochSecond() - newest;
        var index = new HashMap<Long, Integer>();
        for (int i = 0; i < s.time().size(); i++) index.put(s.time().get(i).getEpochSecond(), i);
        var charts = new LinkedHashMap<String, ChartData>();

        var routes = new LinkedHashMap<String, double[]>();
        s.perRoute().forEach((route, v) -> routes.put(route, align(v, axis, index)));
        charts.put(DashboardFrame.ROUTES, new ChartData("Route mix", "decisions/s", x, routes));

        var share = new LinkedHashMap<String, double[]>();
        double[] llm = percent(align(s.methodShare().get(RouteDecision.Method.LLM), axis, index));
        double[] cached = percent(align(s.methodShare().get(RouteDecision.Method.LLM_CACHED), axis, index));
        for (int i = 0; i < n; i++) llm[i] += cached[i];
        share.put("heuristic", percent(align(s.methodShare().get(RouteDecision.Method.HEURISTIC), axis, index)));
        share.put("examples", percent(align(s.methodShare().get(RouteDecision.Method.EMBEDDING), axis, index)));
        share.put("LLM fallback", llm);
        share.put("unsure", percent(align(s.methodShare().get(RouteDecision.Method.UNSURE), axis, index)));
        charts.put(DashboardFrame.ROUTING_METHOD, new ChartData("Who decided", "% of decisions", x, share));

        var latency = new LinkedHashMap<String, double[]>();
        latency.put("p50", align(s.p50Micros(), axis, index));
        latency.put("p95", align(s.p95Micros(), axis, index));
        charts.put(DashboardFrame.ROUTING_LATENCY, new ChartData("Route stage time", "µs", x, latency));
        return charts;
    }

    private static double[] align(double[] values, List<Instant> axis, Map<Long, Integer> index) {
        double[] out = new double[axis.size()];
        for (int i = 0; i < out.length; i++) {
            Integer at = index.get(axis.get(i).getEpochSecond());
            if (at != null) out[i] = values[at];
        }
        return out;
    }

    /** Headline figures: decisions so far and how many needed the LLM. */
    static Map<String, String> kpis(RoutingMetrics.Snapshot s) {
        var k = new LinkedHashMap<String, String>();
        k.put("routed", Long.toString(s.decisions()));
        long llm = s.methodTotals().getOrDefault(RouteDecision.Method.LLM, 0L);
        long cached = s.methodTotals().getOrDefault(RouteDecision.Method.LLM_CACHED, 0L);
        k.put("LLM fallback", s.decisions() == 0 ? "–"
                : String.format(java.util.Locale.ROOT, "%.1f%%", 100.0 * (llm + cached) / s.decisions()));
        return k;
    }

    private static double[] percent(double[] share) {
        double[] v = new double[share.length];
        for (int i = 0; i < v.length; i++) v[i] = 100 * share[i];
        return v;
    }
}
