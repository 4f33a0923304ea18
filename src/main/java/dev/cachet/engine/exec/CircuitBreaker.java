package dev.cachet.engine.exec;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * Stops calling a provider that keeps failing: opens after {@code failureThreshold} consecutive
 * failures, lets one probe through after {@code coolDown} (half-open), and closes on its success.
 */
public final class CircuitBreaker {

    public enum State { CLOSED, OPEN, HALF_OPEN }

    public record Settings(int failureThreshold, Duration coolDown) {
        public static final Settings DEFAULTS = new Settings(5, Duration.ofSeconds(30));

        public Settings {
            if (failureThreshold < 1) throw new IllegalArgumentException("breaker.failureThreshold must be at least 1, was " + failureThreshold);
            if (coolDown.isNegative()) throw new IllegalArgumentException("breaker.coolDown must not be negative");
        }
    }

    private final Settings settings;
    private final InstantSource clock;
    private State state = State.CLOSED;
    private int consecutiveFailures;
    private Instant openedAt;
    private boolean probeInFlight;

    public CircuitBreaker(Settings settings, InstantSource clock) {
        this.settings = settings;
        this.clock = clock;
    }

    /** Whether a call may go ahead now; in half-open state only one probe at a time. */
    public synchronized boolean tryPass() {
        return switch (state) {
            case CLOSED -> true;
            case OPEN -> {
                if (clock.instant().isBefore(openedAt.plus(settings.coolDown()))) yield false;
                state = State.HALF_OPEN;
                probeInFlight = true;
                yield true;
            }
            case HALF_OPEN -> {
                if (probeInFlight) yield false;
                probeInFlight = true;
                yield true;
            }
        };
    }

    public synchronized void onSuccess() {
        consecutiveFailures = 0;
        probeInFlight = false;
        state = State.CLOSED;
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        probeInFlight = false;
        if (state == State.HALF_OPEN || consecutiveFailures >= settings.failureThreshold()) {
            state = State.OPEN;
            openedAt = clock.instant();
        }
    }

    /** The call ended in a way that says nothing about the provider's health (cancelled, bad request). */
    public synchronized void onNeutral() {
        probeInFlight = false;
    }

    public synchronized State state() {
        if (state == State.OPEN && !clock.instant().isBefore(openedAt.plus(settings.coolDown()))) return State.HALF_OPEN;
        return state;
    }

    public synchronized int consecutiveFailures() { return consecutiveFailures; }

    /** Time left until a probe is allowed; zero unless open. */
    public synchronized Duration coolDownLeft() {
        if (state != State.OPEN) return Duration.ZERO;
        Duration left = Duration.between(clock.instant(), openedAt.plus(settings.coolDown()));
        return left.isNegative() ? Duration.ZERO : left;
    }
}
