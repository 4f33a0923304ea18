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
 */
public record ProviderHealth(String provider, CircuitBreaker.State breaker, Duration medianLatency, long successes,
                             long failures, int consecutiveFailures, double currentRate, String lastError,
                             int concurrencyLimit, int inFlight, Duration pausedFor) { }
