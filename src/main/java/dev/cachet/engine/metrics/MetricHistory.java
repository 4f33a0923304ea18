package dev.cachet.engine.metrics;

import java.time.Instant;
import java.util.List;

/** Where metric aggregates outlive the process (SQLite in the app; memory in tests). */
public interface MetricHistory {

    /** Called from the thread that closes a window: implementations must be quick (buffer, write behind). */
    void append(MetricAggregate aggregate);

    /** Aggregates whose window starts within [from, to), oldest first. */
    List<MetricAggregate> load(Instant from, Instant to);

    /** Returns once every aggregate appended so far can be loaded. */
    default void flush() { }
}
