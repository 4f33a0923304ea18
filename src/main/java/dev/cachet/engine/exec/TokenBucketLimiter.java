package dev.cachet.engine.exec;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/**
 * A token bucket per provider with additive-increase / multiplicative-decrease: a 429 halves the
 * rate (and empties the bucket), each success adds back a twentieth of the configured rate. Callers
 * wait at most {@code maxWait} for a token; a longer wait is refused instead of queued.
 */
public final class TokenBucketLimiter {

    /**
     * @param requestsPerSecond configured rate; 0 = unlimited
     * @param burst             bucket size: requests allowed at once after a quiet spell
     * @param maxWait           longest a request waits for a token
     */
    public record Settings(double requestsPerSecond, int burst, Duration maxWait) {
        public static final Settings UNLIMITED = new Settings(0, 1, Duration.ZERO);

        public Settings {
            if (requestsPerSecond < 0) throw new IllegalArgumentException("requestsPerSecond must not be negative, was " + requestsPerSecond);
            if (burst < 1) throw new IllegalArgumentException("burst must be at least 1, was " + burst);
            if (maxWait.isNegative()) throw new IllegalArgumentException("maxWait must not be negative");
        }

        public boolean unlimited() { return requestsPerSecond <= 0; }
    }

    /** Outcome of asking for a permit. */
    public sealed interface Admission {
        record Admitted(Permit permit, Duration waited) implements Admission { }
        /** The wait would have exceeded maxWait; nothing was reserved. */
        record Refused(Duration wouldWait) implements Admission { }
    }

    /** Report how the call went; the first report counts. */
    public interface Permit {
        void success();
        /** The server refused for rate (429): slow down. */
        void dropped();
        /** The outcome says nothing about rate (errors, cancellation). */
        void ignore();
    }

    private static final double MIN_SHARE = 1.0 / 32;
    private static final double INCREASE_SHARE = 1.0 / 20;

    private final Settings settings;
    private final InstantSource clock;
    private final Sleeper sleeper;
    private double rate;
    private double tokens;
    private Instant refilledAt;

    public TokenBucketLimiter(Settings settings, InstantSource clock, Sleeper sleeper) {
        this.settings = settings;
        this.clock = clock;
        this.sleeper = sleeper;
        this.rate = settings.requestsPerSecond();
        this.tokens = settings.burst();
        this.refilledAt = clock.instant();
    }

    public Admission acquire() throws InterruptedException {
        if (settings.unlimited()) return new Admission.Admitted(NO_OP, Duration.ZERO);
        Duration wait;
        synchronized (this) {
            refill();
            wait = tokens >= 1 ? Duration.ZERO : Duration.ofNanos((long) ((1 - tokens) / rate * 1e9));
            if (wait.compareTo(settings.maxWait()) > 0) return new Admission.Refused(wait);
            tokens -= 1; // reserve now (possibly into debt) so concurrent callers queue behind us
        }
        sleeper.sleep(wait);
        return new Admission.Admitted(new BucketPermit(), wait);
    }

    /** The current (adapted) rate in requests per second; 0 = unlimited. */
    public synchronized double currentRate() { return settings.unlimited() ? 0 : rate; }

    public Settings settings() { return settings; }

    private void refill() {
        Instant now = clock.instant();
        double seconds = Duration.between(refilledAt, now).toNanos() / 1e9;
        if (seconds > 0) {
            tokens = Math.min(settings.burst(), tokens + seconds * rate);
            refilledAt = now;
        }
    }

    private synchronized void decrease() {
        refill();
        rate = Math.max(settings.requestsPerSecond() * MIN_SHARE, rate / 2);
        tokens = Math.min(tokens, 0);
    }

    private synchronized void increase() {
        refill();
        rate = Math.min(settings.requestsPerSecond(), rate + settings.requestsPerSecond() * INCREASE_SHARE);
    }

    private final class BucketPermit implements Permit {
        private boolean reported;

        private synchronized boolean first() {
            if (reported) return false;
            reported = true;
            return true;
        }

        @Override public void success() { if (first()) increase(); }
        @Override public void dropped() { if (first()) decrease(); }
        @Override public void ignore() { first(); }
    }

    private static final Permit NO_OP = new Permit() {
        @Override public void success() { }
        @Override public void dropped() { }
        @Override public void ignore() { }
    };
}
