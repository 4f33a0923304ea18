package dev.cachet.engine.metrics;

import java.util.Arrays;

/**
 * The last N model-call latencies of one model and their median. The median is updated when a
 * model call is recorded so that reading it on a cache hit is one volatile read. A sorted copy of
 * the window is kept alongside the arrival order, so recording moves at most N values instead of
 * sorting the window again (with a fast local model or the simulator, calls are not rare).
 */
final class ModelLatencyWindow {

    private final long[] arrivals;
    private final long[] sorted;
    private int next;
    private int size;
    private volatile long medianNanos = -1;

    ModelLatencyWindow(int capacity) {
        if (capacity < 1) throw new IllegalArgumentException("latency window must hold at least one call");
        this.arrivals = new long[capacity];
        this.sorted = new long[capacity];
    }

    synchronized void record(long latencyNanos) {
        if (size == arrivals.length) {
            int old = Arrays.binarySearch(sorted, 0, size, arrivals[next]);
            System.arraycopy(sorted, old + 1, sorted, old, size - old - 1);
            size--;
        }
        arrivals[next] = latencyNanos;
        next = (next + 1) % arrivals.length;
        int at = Arrays.binarySearch(sorted, 0, size, latencyNanos);
        if (at < 0) at = -at - 1;
        System.arraycopy(sorted, at, sorted, at + 1, size - at);
        sorted[at] = latencyNanos;
        size++;
        medianNanos = size % 2 == 1 ? sorted[size / 2] : (sorted[size / 2 - 1] + sorted[size / 2]) / 2;
    }

    /** Median of the window, or -1 before the first model call. */
    long medianNanos() { return medianNanos; }
}
