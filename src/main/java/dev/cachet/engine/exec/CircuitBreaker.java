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
    private final java.util.ArrayDeque<Transition> transitions = new java.util.ArrayDeque<>();

    /** A change of state, for the breaker's history on the dashboard and in the health table. */
    public record Transition(Instant at, State to) { }

    private static final int KEPT_TRANSITIONS = 256;

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
                moveTo(State.HALF_OPEN);
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
        moveTo(State.CLOSED);
    }

    public synchronized void onFailure() {
        consecutiveFailures++;
        probeInFlight = false;
        if (state == State.HALF_OPEN || consecutiveFailures >= settings.failureThreshold()) {
            openedAt = clock.instant();
            moveTo(State.OPEN);
        }
    }

    /** The call ended in a way that says nothing about the provider's health (cancelled, bad request). */
    public synchronized void onNeutral() {
        probeInFlight = false;
    }

    private void moveTo(State to) {
        if (to == state) return;
        state = to;
        transitions.addLast(new Transition(clock.instant(), to));
        if (transitions.size() > KEPT_TRANSITIONS) transitions.removeFirst();
    }

    /** The latest state changes, oldest first. */
    public synchronized java.util.List<Transition> transitions() { return java.util.List.copyOf(transitions); }

    public Settings settings() { return settings; }

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
