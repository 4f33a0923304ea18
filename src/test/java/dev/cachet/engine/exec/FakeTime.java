package dev.cachet.engine.exec;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** A clock that only moves when something sleeps on it (or a test advances it). */
public final class FakeTime implements java.time.InstantSource, Sleeper {

    private Instant now = Instant.parse("2025-01-01T00:00:00Z");
    private final List<Duration> sleeps = new ArrayList<>();

    @Override public synchronized Instant instant() { return now; }

    @Override public synchronized void sleep(Duration d) {
        sleeps.add(d);
        now = now.plus(d);
    }

    public synchronized void advance(Duration d) { now = now.plus(d); }

    public synchronized Duration slept() { return sleeps.stream().reduce(Duration.ZERO, Duration::plus); }
}
