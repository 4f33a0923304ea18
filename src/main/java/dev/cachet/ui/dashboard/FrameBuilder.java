package dev.cachet.ui.dashboard;

import dev.cachet.engine.exec.ProviderHealth;
import dev.cachet.engine.metrics.HitLevel;
import dev.cachet.engine.metrics.MetricAggregate;
import dev.cachet.engine.metrics.MetricsSnapshot;
import dev.cachet.engine.metrics.Outcome;
import dev.cachet.engine.metrics.Series;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the metrics registry's snapshot (one point a second) and, for "since start", the stored
 * history (one point per aggregate window, older than the snapshot) into the dashboard's charts.
 * Hit-rate lines follow the registry's levels: a new level is a new line with no change here.
 */
final class FrameBuilder {

    private FrameBuilder() { }

    static DashboardFrame build(MetricsSnapshot snap, List<HitLevel> levels, List<MetricAggregate> history,
                                List<ProviderHealth> health) {
        var times = new ArrayList<Instant>();
        for (MetricAggregate a : history) times.add(a.start());
        times.addAll(snap.time());
        int h = history.size();
        int n = times.size();
        double[] x = new double[n];
        long newest = n == 0 ? 0 : times.get(n - 1).getEpochSecond();
        for (int i = 0; i < n; i++) x[i] = times.get(i).getEpochSecond() - newest;

        var hit = new LinkedHashMap<String, double[]>();
        for (HitLevel level : levels) {
            double[] v = new double[n];
            for (int i = 0; i < h; i++) {
                MetricAggregate a = history.get(i);
                v[i] = a.requests() == 0 ? 0 : 100.0 * a.count("hit." + level.name()) / a.requests();
            }
            copy(snap, MetricsSnapshot.hitRateOf(level.name()), v, h, 100);
            hit.put(level.name(), v);
        }

        var requests = new LinkedHashMap<String, double[]>();
        double[] hits = new double[n];
        double[] model = new double[n];
        double[] errors = new double[n];
        for (int i = 0; i < h; i++) {
            MetricAggregate a = history.get(i);
            double secs = Math.max(1, a.seconds());
            hits[i] = (a.count(Outcome.EXACT_HIT.key()) + a.count(Outcome.SEMANTIC_HIT.key()) + a.count(Outcome.REPEAT.key())) / secs;
            model[i] = (a.count(Outcome.MODEL_CALL.key()) + a.count(Outcome.DATA_QUERY.key())) / secs;
            errors[i] = a.count(Outcome.ERROR.key()) / secs;
        }
        for (Outcome o : Outcome.values()) {
            double[] target = switch (o) {
                case EXACT_HIT, SEMANTIC_HIT, REPEAT -> hits;
                case MODEL_CALL, DATA_QUERY -> model;
                case ERROR -> errors;
                case CANCELLED -> null;
            };
            if (target != null) add(snap, MetricsSnapshot.requestsOf(o), target, h);
        }
        requests.put("cache hit", hits);
        requests.put("model call", model);
        requests.put("error", errors);

        var latency = new LinkedHashMap<String, double[]>();
        double[] p50 = new double[n];
        double[] p95 = new double[n];
        for (int i = 0; i < h; i++) {
            p50[i] = history.get(i).p50Ms();
            p95[i] = history.get(i).p95Ms();
        }
        copy(snap, MetricsSnapshot.LATENCY_P50, p50, h, 1);
        copy(snap, MetricsSnapshot.LATENCY_P95, p95, h, 1);
        latency.put("p50", p50);
        latency.put("p95", p95);

        // Running totals from the window's first point: the same meaning for every window and across restarts.
        double[] calls = new double[n];
        double[] saved = new double[n];
        for (int i = 0; i < h; i++) {
            calls[i] = history.get(i).count(Outcome.MODEL_CALL.key());
            saved[i] = history.get(i).costSavedUsd();
        }
        copy(snap, MetricsSnapshot.requestsOf(Outcome.MODEL_CALL), calls, h, 1);
        copy(snap, MetricsSnapshot.SAVED_COST, saved, h, 1);
        runningSum(calls);
        runningSum(saved);

        var charts = new LinkedHashMap<String, ChartData>();
        charts.put(DashboardFrame.HIT_RATE, new ChartData("Hit rate by level", "%", x, hit));
        charts.put(DashboardFrame.REQUESTS, new ChartData("Requests per second by outcome", "req/s", x, requests));
        charts.put(DashboardFrame.LATENCY, new ChartData("Latency, end to end", "ms", x, latency));
        charts.put(DashboardFrame.MODEL_CALLS, new ChartData("Model calls, running total", "calls", x, Map.of("model calls", calls)));
        charts.put(DashboardFrame.COST_SAVED, new ChartData("Cost saved by caches, running total", "USD", x, Map.of("cost saved", saved)));
        return new DashboardFrame(charts, kpis(snap), health);
    }

    static Map<String, String> kpis(MetricsSnapshot snap) {
        long total = 0;
        for (Outcome o : Outcome.values()) total += snap.requests(o);
        long fromCache = snap.requests(Outcome.EXACT_HIT) + snap.requests(Outcome.SEMANTIC_HIT);
        var k = new LinkedHashMap<String, String>();
        k.put("requests", Long.toString(total));
        k.put("hit rate", total == 0 ? "–" : String.format(Locale.ROOT, "%.1f%%", 100.0 * fromCache / total));
        k.put("model calls", Long.toString(snap.requests(Outcome.MODEL_CALL)));
        k.put("errors", Long.toString(snap.requests(Outcome.ERROR)));
        k.put("tokens saved", Long.toString(snap.savings().total().tokensSaved()));
        k.put("cost saved", String.format(Locale.ROOT, "$%.4f", snap.savings().total().costSavedUsd()));
        return k;
    }

    private static void copy(MetricsSnapshot snap, String name, double[] target, int offset, double scale) {
        Series s = snap.series().get(name);
        if (s == null) return;
        for (int i = 0; i < s.size() && offset + i < target.length; i++) target[offset + i] = s.get(i) * scale;
    }

    private static void add(MetricsSnapshot snap, String name, double[] target, int offset) {
        Series s = snap.series().get(name);
        if (s == null) return;
        for (int i = 0; i < s.size() && offset + i < target.length; i++) target[offset + i] += s.get(i);
    }

    private static void runningSum(double[] v) {
        for (int i = 1; i < v.length; i++) v[i] += v[i - 1];
    }
}
