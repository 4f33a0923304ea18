package dev.cachet.engine.exec;

import java.time.Duration;

/**
 * A provider's recent health, for the dashboard.
 *
 * @param medianLatency      median of recent successful calls (null before the first)
 * @param currentRate        requests per second the limiter allows now; 0 = unlimited
 * @param lastError          one line about the latest failure, or null
 */
public record ProviderHealth(String provider, CircuitBreaker.State breaker, Duration medianLatency, long successes,
                             long failures, int consecutiveFailures, double currentRate, String lastError) { }
