package dev.cachet.engine.experiments.run;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

/** The counters a run's progress reads: cells by status, and this session's pace for the rate and ETA. */
final class RunCounts {

    private final int total;
    private final long started = System.nanoTime();
    private final AtomicInteger passed = new AtomicInteger();
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicInteger notScored = new AtomicInteger();
    private final AtomicInteger errors = new AtomicInteger();
    private final AtomicInteger here = new AtomicInteger();

    RunCounts(int total) { this.total = total; }

    int total() { return total; }

    /** A cell stored by an earlier session. */
    void countStored(CellRecord.Status s) { counter(s).incrementAndGet(); }

    void count(CellRecord.Status s) {
        counter(s).incrementAndGet();
        here.incrementAndGet();
    }

    private AtomicInteger counter(CellRecord.Status s) {
        return switch (s) {
            case PASSED -> passed;
            case FAILED -> failed;
            case NOT_SCORED -> notScored;
            case ERROR -> errors;
        };
    }

    int done() { return passed.get() + failed.get() + notScored.get() + errors.get(); }

    int errors() { return errors.get(); }

    RunProgress progress(long runId) {
        Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
        int h = here.get();
        double rate = h == 0 ? 0 : h / Math.max(1e-9, elapsed.toNanos() / 1e9);
        int done = done();
        Duration eta = rate <= 0 ? null : Duration.ofMillis((long) ((total - done) / rate * 1000));
        return new RunProgress(runId, done, total, passed.get(), failed.get(), notScored.get(), errors.get(), h, elapsed, rate, eta);
    }
}
