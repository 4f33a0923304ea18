package dev.cachet.engine.exec;

import java.time.Duration;

/**
 * A provider's recent health, for the dashboard.
 *
 * @param medianLatency      median of recent successful calls (null before the first)
 * @param currentRate        requests per second the limiter allows now; 0 = no client-side rate
 * @param lastError          one line about the latest failure, or null
 * @param concurrencyLimit   the adapted concurrency limit
 * @param inFlight           requests holding a slot now
 * @param pausedFor          how long the server asked every request to wait still (zero when not paused)
 * @param queued             requests waiting for a slot now
 * @param breakerHistory     the breaker's latest changes, oldest first
 * @param probes             the health monitor's probes over the last hour (none when it does not run)
 */
public record ProviderHealth(String provider, CircuitBreaker.State breaker, Duration medianLatency, long successes,
                             long failures, int consecutiveFailures, double currentRate, String lastError,
                             int concurrencyLimit, int inFlight, Duration pausedFor, int queued,
                             java.util.List<CircuitBreaker.Transition> breakerHistory, HealthMonitor.Summary probes) {

    public ProviderHealth {
        breakerHistory = breakerHistory == null ? java.util.List.of() : java.util.List.copyOf(breakerHistory);
    }

    public ProviderHealth withProbes(HealthMonitor.Summary s) {
        return new ProviderHealth(provider, breaker, medianLatency, successes, failures, consecutiveFailures, currentRate, lastError,
                concurrencyLimit, inFlight, pausedFor, queued, breakerHistory, s);
    }
}
