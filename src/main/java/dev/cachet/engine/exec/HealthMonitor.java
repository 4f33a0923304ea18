package dev.cachet.engine.exec;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Probes every configured provider now and then with its cheapest request (the model list), and keeps
 * the history (latency, availability, breaker changes) in SQLite for Settings and the dashboard. Probes
 * are not requests: they never open or close a breaker, and they pass no limiter. One virtual thread;
 * {@link #close()} stops and awaits it.
 */
public final class HealthMonitor implements AutoCloseable {

    private static final Logger LOG = Logger.getLogger(HealthMonitor.class.getName());

    /** What a probe found: ok with its latency, or why not; {@code skipped} when it could not be asked (no key): not recorded. */
    public record Probe(boolean ok, Duration latency, String detail, boolean skipped) {
        public Probe(boolean ok, Duration latency, String detail) { this(ok, latency, detail, false); }

        public static Probe skipped(String why) { return new Probe(false, null, why, true); }
    }

    /** Probes one provider (by id); must not throw. */
    @FunctionalInterface
    public interface Prober {
        Probe probe(String providerId);
    }

    /** Availability and latency over a window, for the dashboard and Settings. */
    public record Summary(int probes, int ok, Duration lastLatency, Instant lastAt, String lastDetail) {
        public double availability() { return probes == 0 ? Double.NaN : (double) ok / probes; }
    }

    private final List<String> providers;
    private final Prober prober;
    private final ProviderGuards guards;
    private final HealthHistory history;
    private final InstantSource clock;
    private final Duration interval;
    private final Map<String, Instant> breakerSeen = new ConcurrentHashMap<>();
    private volatile Thread thread;

    public HealthMonitor(List<String> providers, Prober prober, ProviderGuards guards, HealthHistory history, InstantSource clock,
                         Duration interval) {
        this.providers = List.copyOf(providers);
        this.prober = prober;
        this.guards = guards;
        this.history = history;
        this.clock = clock;
        this.interval = interval;
    }

    /** Starts probing: at once, then every interval. Idempotent. */
    public synchronized void start() {
        if (thread != null) return;
        thread = VirtualThreads.factory("health-monitor").newThread(() -> {
            try {
                while (!Thread.currentThread().isInterrupted()) {
                    probeAll();
                    Thread.sleep(interval);
                }
            } catch (InterruptedException stopped) {
                // closing
            }
        });
        thread.start();
    }

    /** One round: probe each provider, record the probes and the breaker changes since the last round. */
    public void probeAll() {
        var records = new ArrayList<HealthRecord>();
        for (String id : providers) {
            if (Thread.currentThread().isInterrupted()) return;
            Probe p = prober.probe(id);
            CircuitBreaker breaker = guards.guard(id).breaker();
            records.addAll(breakerChanges(id, breaker));
            if (p.skipped()) continue;
            records.add(new HealthRecord(id, clock.instant(), HealthRecord.PROBE, p.ok(), p.ok() ? p.latency() : null, breaker.state(),
                    p.ok() ? null : p.detail()));
        }
        try {
            history.add(records);
        } catch (RuntimeException e) {
            if (!Thread.currentThread().isInterrupted()) LOG.log(Level.WARNING, "provider health history not saved: " + e.getMessage());
        }
    }

    /** Breaker changes since the last round. */
    private List<HealthRecord> breakerChanges(String id, CircuitBreaker breaker) {
        Instant seen = breakerSeen.getOrDefault(id, Instant.MIN);
        var out = new ArrayList<HealthRecord>();
        for (var t : breaker.transitions()) {
            if (!t.at().isAfter(seen)) continue;
            out.add(new HealthRecord(id, t.at(), HealthRecord.BREAKER, t.to() == CircuitBreaker.State.CLOSED, null, t.to(), null));
            seen = t.at();
        }
        breakerSeen.put(id, seen);
        return out;
    }

    /** A provider's probes over the last {@code window}. */
    public Summary summary(String provider, Duration window) {
        List<HealthRecord> records;
        try {
            records = history.since(provider, clock.instant().minus(window));
        } catch (RuntimeException closed) {
            return new Summary(0, 0, null, null, null);
        }
        int probes = 0;
        int ok = 0;
        HealthRecord last = null;
        for (HealthRecord r : records) {
            if (!r.kind().equals(HealthRecord.PROBE)) continue;
            probes++;
            if (r.ok()) ok++;
            last = r;
        }
        return new Summary(probes, ok, last == null ? null : last.latency(), last == null ? null : last.at(), last == null ? null : last.detail());
    }

    public HealthHistory history() { return history; }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            t = thread;
        }
        if (t == null) return;
        t.interrupt();
        try {
            t.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
