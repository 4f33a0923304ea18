package dev.cachet.engine.metrics;

import java.util.Arrays;

/**
 * The last N model-call latencies of one model and their median. The median is recomputed when a
 * model call is recorded (rare, slow anyway) so that reading it on a cache hit is one volatile read.
 */
final class ModelLatencyWindow {

    private final long[] nanos;
    private int next;
    private int size;
    private volatile long medianNanos = -1;

    ModelLatencyWindow(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("latency window must hold at least one call");
        this.nanos = new long[capacity];
    }

    synchronized void record(long latencyNanos) {
        nanos[next] = latencyNanos;
        next = (next + 1) % nanos.length;
        if (size < nanos.length) size++;
        long[] sorted = Arrays.copyOf(nanos, size);
        Arrays.sort(sorted);
        medianNanos = size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
    }

    /** Median of the window, or -1 before the first model call. */
    long medianNanos() { return medianNanos; }
}
