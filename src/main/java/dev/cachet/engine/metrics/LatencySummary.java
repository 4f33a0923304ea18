package dev.cachet.engine.metrics;

import org.HdrHistogram.Histogram;

/** Percentiles of one latency distribution, in milliseconds. */
public record LatencySummary(long count, double p50Ms, double p95Ms, double p99Ms, double maxMs, double meanMs) {

    public static final LatencySummary EMPTY = new LatencySummary(0, 0, 0, 0, 0, 0);

    /** From a histogram recorded in microseconds. */
    static LatencySummary ofMicros(Histogram h) {
        if (h.getTotalCount() == 0) return EMPTY;
        return new LatencySummary(h.getTotalCount(),
                h.getValueAtPercentile(50) / 1000.0, h.getValueAtPercentile(95) / 1000.0,
                h.getValueAtPercentile(99) / 1000.0, h.getMaxValue() / 1000.0, h.getMean() / 1000.0);
    }
}
