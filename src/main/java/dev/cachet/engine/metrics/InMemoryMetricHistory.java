package dev.cachet.engine.metrics;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;

/** A bounded in-memory history: the default until a database is wired in, and the test double. */
public final class InMemoryMetricHistory implements MetricHistory {

    private final int capacity;
    private final Deque<MetricAggregate> rows = new ArrayDeque<>();

    public InMemoryMetricHistory(int capacity) { this.capacity = capacity; }

    @Override public synchronized void append(MetricAggregate aggregate) {
        if (rows.size() == capacity) rows.removeFirst();
        rows.addLast(aggregate);
    }

    @Override public synchronized List<MetricAggregate> load(Instant from, Instant to) {
        return rows.stream().filter(a -> !a.start().isBefore(from) && a.start().isBefore(to))
                .sorted(java.util.Comparator.comparing(MetricAggregate::start)).toList();
    }
}
