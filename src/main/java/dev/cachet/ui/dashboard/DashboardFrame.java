package dev.cachet.ui.dashboard;

import dev.cachet.engine.exec.ProviderHealth;
import dev.cachet.engine.metrics.EndpointTraffic;

import java.util.List;
import java.util.Map;

/**
 * Everything the dashboard shows at one refresh: the charts by id, the headline figures, the
 * providers' health and the endpoint's traffic by client. Built off the UI thread, handed over once per refresh.
 */
public record DashboardFrame(Map<String, ChartData> charts, Map<String, String> kpis, List<ProviderHealth> health,
                             EndpointTraffic.Snapshot endpoint) {

    public static final String HIT_RATE = "hitRate";
    public static final String REQUESTS = "requests";
    public static final String LATENCY = "latency";
    public static final String MODEL_CALLS = "modelCalls";
    public static final String COST_SAVED = "costSaved";
    public static final String ROUTES = "routes";
    public static final String ROUTING_METHOD = "routingMethod";
    public static final String ROUTING_LATENCY = "routingLatency";

    public static final DashboardFrame EMPTY = new DashboardFrame(Map.of(), Map.of(), List.of());

    public DashboardFrame(Map<String, ChartData> charts, Map<String, String> kpis, List<ProviderHealth> health) {
        this(charts, kpis, health, EndpointTraffic.Snapshot.EMPTY);
    }

    public DashboardFrame withEndpoint(EndpointTraffic.Snapshot traffic) { return new DashboardFrame(charts, kpis, health, traffic); }

    public DashboardFrame {
        endpoint = endpoint == null ? EndpointTraffic.Snapshot.EMPTY : endpoint;
        charts = Map.copyOf(charts);
        kpis = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(kpis));
        health = List.copyOf(health);
    }

    /** This frame with one more headline figure, after the others. */
    public DashboardFrame withKpi(String name, String value) {
        var more = new java.util.LinkedHashMap<>(kpis);
        more.put(name, value);
        return new DashboardFrame(charts, more, health, endpoint);
    }

    public ChartData chart(String id) {
        ChartData c = charts.get(id);
        if (c == null) throw new IllegalArgumentException("no chart '" + id + "'; charts: " + charts.keySet());
        return c;
    }
}
