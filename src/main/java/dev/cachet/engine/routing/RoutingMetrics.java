package dev.cachet.engine.routing;

import dev.cachet.engine.chat.ChatRequest;
import dev.cachet.engine.chat.ChatResult;
import dev.cachet.engine.pipeline.PipelineObserver;
import dev.cachet.engine.trace.TraceEntry;
import org.HdrHistogram.Histogram;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Routing decisions per second for the Dashboard: how many went to each route, by which method
 * (heuristic, embedding, LLM, cached LLM, unsure), and how long the route stage took. Reads the "route"
 * trace entry of every finished request; keeps an hour at one-second resolution in memory. Writers
 * take a short lock (a few counters); the Dashboard reads once a second.
 */
public final class RoutingMetrics implements PipelineObserver {

    /** The seconds of one window, oldest first: decisions per route, share per method (0..1), stage time. */
    public record Snapshot(List<Instant> time, Map<String, double[]> perRoute, Map<RouteDecision.Method, double[]> methodShare,
                           double[] p50Micros, double[] p95Micros, long decisions, Map<RouteDecision.Method, Long> methodTotals) { }

    private static final class Second {
        long epochSecond;
        final Map<String, Long> routes = new LinkedHashMap<>();
        final long[] methods = new long[RouteDecision.Method.values().length];
        // Made on the second's first decision: an hour of eager histograms is ~60 MB per engine, mostly never used.
        Histogram micros;

        void reset(long s) {
            epochSecond = s;
            routes.clear();
            java.util.Arrays.fill(methods, 0);
            if (micros != null) micros.reset();
        }
    }

    private final InstantSource clock;
    private final Second[] ring;
    private final long[] totals = new long[RouteDecision.Method.values().length];
    private final ReentrantLock lock = new ReentrantLock();

    public RoutingMetrics(InstantSource clock, Duration retention) {
        this.clock = clock;
        this.ring = new Second[(int) Math.max(1, retention.toSeconds())];
        for (int i = 0; i < ring.length; i++) {
            ring[i] = new Second();
            ring[i].epochSecond = Long.MIN_VALUE;
        }
    }

    @Override
    public void onFinished(ChatRequest request, ChatResult result) {
        TraceEntry e = result.trace().entry("route").orElse(null);
        if (e == null || !e.details().containsKey("method")) return;
        RouteDecision.Method method;
        try {
            method = RouteDecision.Method.parse(e.details().get("method"));
        } catch (IllegalArgumentException unknown) {
            return;
        }
        record(e.decision(), method, e.duration());
    }

    /** Counts one decision now. */
    public void record(String route, RouteDecision.Method method, Duration took) {
        long now = clock.instant().getEpochSecond();
        lock.lock();
        try {
            Second s = ring[(int) Math.floorMod(now, (long) ring.length)];
            if (s.epochSecond != now) s.reset(now);
            s.routes.merge(route, 1L, Long::sum);
            s.methods[method.ordinal()]++;
            if (s.micros == null) s.micros = new Histogram(3);
            s.micros.recordValue(Math.max(0, took.toNanos() / 1000));
            totals[method.ordinal()]++;
        } finally {
            lock.unlock();
        }
    }

    /** The last {@code window} of whole seconds (at most the retention), oldest first; empty seconds are zeros. */
    public Snapshot snapshot(Duration window) {
        long now = clock.instant().getEpochSecond();
        int n = (int) Math.min(ring.length - 1, Math.max(1, window.toSeconds()));
        var time = new ArrayList<Instant>(n);
        var routes = new TreeSet<String>();
        long[][] methods = new long[n][];
        List<Map<String, Long>> perSecondRoutes = new ArrayList<>(n);
        double[] p50 = new double[n];
        double[] p95 = new double[n];
        var methodTotals = new EnumMap<RouteDecision.Method, Long>(RouteDecision.Method.class);
        lock.lock();
        try {
            for (int i = 0; i < n; i++) {
                long sec = now - n + i; // whole seconds only: the current one is still filling
                time.add(Instant.ofEpochSecond(sec));
                Second s = ring[(int) Math.floorMod(sec, (long) ring.length)];
                boolean live = s.epochSecond == sec;
                methods[i] = live ? s.methods.clone() : new long[RouteDecision.Method.values().length];
                perSecondRoutes.add(live ? new LinkedHashMap<>(s.routes) : Map.of());
                if (live) routes.addAll(s.routes.keySet());
                boolean any = live && s.micros != null && s.micros.getTotalCount() > 0;
                p50[i] = any ? s.micros.getValueAtPercentile(50) : 0;
                p95[i] = any ? s.micros.getValueAtPercentile(95) : 0;
            }
            for (RouteDecision.Method m : RouteDecision.Method.values()) methodTotals.put(m, totals[m.ordinal()]);
        } finally {
            lock.unlock();
        }
        var perRoute = new LinkedHashMap<String, double[]>();
        for (String r : routes) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) v[i] = perSecondRoutes.get(i).getOrDefault(r, 0L);
            perRoute.put(r, v);
        }
        var share = new EnumMap<RouteDecision.Method, double[]>(RouteDecision.Method.class);
        for (RouteDecision.Method m : RouteDecision.Method.values()) share.put(m, new double[n]);
        for (int i = 0; i < n; i++) {
            long sum = 0;
            for (long c : methods[i]) sum += c;
            if (sum == 0) continue;
            for (RouteDecision.Method m : RouteDecision.Method.values()) share.get(m)[i] = (double) methods[i][m.ordinal()] / sum;
        }
        long decisions = methodTotals.values().stream().mapToLong(Long::longValue).sum();
        return new Snapshot(time, perRoute, share, p50, p95, decisions, methodTotals);
    }
}
