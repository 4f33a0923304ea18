package dev.cachet.engine.metrics;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;

/**
 * What the OpenAI-compatible endpoint served, by client: the last requests (newest first) and totals per
 * client, where a client is the token's label and the caller's User-Agent. The endpoint records each
 * request when it finishes; the dashboard reads a {@link Snapshot} once a second. Requests also reach
 * the {@link MetricsRegistry} through the pipeline like any other, so the charts include them.
 */
public final class EndpointTraffic {

    /**
     * One finished endpoint request.
     *
     * @param outcome null when the request never reached the pipeline (401, 400, 413, ...)
     */
    public record Request(Instant at, String client, String path, String model, int status, Outcome outcome,
                          Duration latency) { }

    /** Everything one client sent since start. */
    public record ClientTotals(String client, long requests, long cacheHits, long errors, Instant lastSeen) {
        public double hitRate() { return requests == 0 ? 0 : (double) cacheHits / requests; }
    }

    public record Snapshot(List<Request> recent, List<ClientTotals> clients, long requests) {
        public static final Snapshot EMPTY = new Snapshot(List.of(), List.of(), 0);
    }

    private final int keep;
    private final ReentrantLock lock = new ReentrantLock();
    private final ArrayDeque<Request> recent = new ArrayDeque<>();
    private final Map<String, ClientTotals> clients = new LinkedHashMap<>();
    private long requests;
    private volatile String servingAt;
    /** Server-side time of every request (from its first byte to its last), in microseconds. */
    private final org.HdrHistogram.Recorder serverTime = new org.HdrHistogram.Recorder(3);
    private final org.HdrHistogram.Histogram serverTimeSoFar = new org.HdrHistogram.Histogram(3);

    /** @param keep how many recent requests to remember */
    public EndpointTraffic(int keep) {
        if (keep < 1) throw new IllegalArgumentException("keep must be positive, was " + keep);
        this.keep = keep;
    }

    /** Where the endpoint listens ({@code http://127.0.0.1:8484/v1}), or null while it is off; set by the endpoint. */
    public void servingAt(String baseUrl) { this.servingAt = baseUrl; }

    public String servingAt() { return servingAt; }

    public void record(Request r) {
        serverTime.recordValue(Math.max(0, r.latency().toNanos() / 1000));
        boolean hit = r.outcome() == Outcome.EXACT_HIT || r.outcome() == Outcome.SEMANTIC_HIT;
        boolean error = r.status() >= 400;
        lock.lock();
        try {
            requests++;
            recent.addFirst(r);
            if (recent.size() > keep) recent.removeLast();
            clients.merge(r.client(), new ClientTotals(r.client(), 1, hit ? 1 : 0, error ? 1 : 0, r.at()),
                    (a, b) -> new ClientTotals(a.client(), a.requests() + 1, a.cacheHits() + b.cacheHits(),
                            a.errors() + b.errors(), b.lastSeen().isAfter(a.lastSeen()) ? b.lastSeen() : a.lastSeen()));
        } finally {
            lock.unlock();
        }
    }

    /** The server-side time of every request since start: what the endpoint adds, without the network and the client. */
    public LatencySummary serverTime() {
        synchronized (serverTimeSoFar) {
            serverTimeSoFar.add(serverTime.getIntervalHistogram());
            return LatencySummary.ofMicros(serverTimeSoFar);
        }
    }

    /** The last {@code limit} requests, newest first, and every client, most recently seen first. */
    public Snapshot snapshot(int limit) {
        lock.lock();
        try {
            var last = new ArrayList<Request>(Math.min(limit, recent.size()));
            for (Request r : recent) {
                if (last.size() == limit) break;
                last.add(r);
            }
            var all = new ArrayList<>(clients.values());
            all.sort(Comparator.comparing(ClientTotals::lastSeen).reversed());
            return new Snapshot(last, all, requests);
        } finally {
            lock.unlock();
        }
    }
}
