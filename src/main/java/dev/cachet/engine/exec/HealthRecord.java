package dev.cachet.engine.exec;

import java.time.Duration;
import java.time.Instant;

/**
 * One point of a provider's health history: a probe (ok or not, its latency) or a change of its breaker.
 *
 * @param kind    "probe" or "breaker"
 * @param latency the probe's round trip (null for a failed probe or a breaker change)
 * @param detail  why a probe failed, in words (never a key); null when it did not
 */
public record HealthRecord(String provider, Instant at, String kind, boolean ok, Duration latency, CircuitBreaker.State breaker,
                           String detail) {

    public static final String PROBE = "probe";
    public static final String BREAKER = "breaker";
}
