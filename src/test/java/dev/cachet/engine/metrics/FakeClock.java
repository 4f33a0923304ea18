package dev.cachet.engine.metrics;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move by hand. */
final class FakeClock implements InstantSource {
    private volatile Instant now;

    FakeClock(long epochSecond) { this.now = Instant.ofEpochSecond(epochSecond); }

    @Override public Instant instant() { return now; }

    void advance(Duration d) { now = now.plus(d); }

    void advanceSeconds(long s) { advance(Duration.ofSeconds(s)); }
}
