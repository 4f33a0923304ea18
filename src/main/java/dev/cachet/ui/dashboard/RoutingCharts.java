package dev.cachet.ui.dashboard;

import dev.cachet.engine.routing.RouteDecision;
import dev.cachet.engine.routing.RoutingMetrics;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The routing charts from {@link RoutingMetrics}: decisions per second by route (the route mix),
 * the share of decisions each method made (heuristic alone vs the fallbacks), and the route stage's
 * time per decision (p50, p95).
 */
final class RoutingCharts {

    private RoutingCharts() { }

    static Map<String, ChartData> build(RoutingMetrics.Snapshot s) {
        int n = s.time().size();
        double[] x = new double[n];
        for (int i = 0; i < n; i++) x[i] = i - (n - 1);
        var charts = new LinkedHashMap<String, ChartData>();
        var routes = new LinkedHashMap<String, double[]>(s.perRoute());
        charts.put(DashboardFrame.ROUTES, new ChartData("Route mix", "decisions/s", x, routes));

        var share = new LinkedHashMap<String, double[]>();
        double[] heuristic = percent(s.methodShare().get(RouteDecision.Method.HEURISTIC));
        double[] embedding = percent(s.methodShare().get(RouteDecision.Method.EMBEDDING));
        double[] llm = percent(s.methodShare().get(RouteDecision.Method.LLM));
        double[] cached = percent(s.methodShare().get(RouteDecision.Method.LLM_CACHED));
        double[] unsure = percent(s.methodShare().get(RouteDecision.Method.UNSURE));
        for (int i = 0; i < n; i++) llm[i] += cached[i];
        share.put("heuristic", heuristic);
        share.put("examples", embedding);
        share.put("LLM fallback", llm);
        share.put("unsure", unsure);
        charts.put(DashboardFrame.ROUTING_METHOD, new ChartData("Who decided", "% of decisions", x, share));

        var latency = new LinkedHashMap<String, double[]>();
        latency.put("p50", s.p50Micros());
        latency.put("p95", s.p95Micros());
        charts.put(DashboardFrame.ROUTING_LATENCY, new ChartData("Route stage time", "µs", x, latency));
        return charts;
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
