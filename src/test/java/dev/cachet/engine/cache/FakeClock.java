package dev.cachet.engine.cache;

import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;

/** A clock tests move by hand. */
public final class FakeClock implements InstantSource {
    private volatile Instant now;

    public FakeClock(Instant start) { this.now = start; }
    public FakeClock() { this(Instant.parse("2026-11-21T08:15:00Z")); }

    @Override public Instant instant() { return now; }
    public void advance(Duration d) { now = now.plus(d); }
}
