package dev.cachet.engine.metrics;

import org.HdrHistogram.ConcurrentHistogram;

import java.util.concurrent.atomic.DoubleAdder;
import java.util.concurrent.atomic.LongAdder;

/** The open second: many writers add to it at once; it is read only after the registry swapped it out. */
final class SecondBucket {

    final LongAdder[] outcomes = adders(Outcome.values().length);
    final LongAdder[] levelHits;
    final LongAdder tokensSaved = new LongAdder();
    final DoubleAdder costSaved = new DoubleAdder();
    final LongAdder latencySavedMicros = new LongAdder();
    final ConcurrentHistogram latencyMicros = new ConcurrentHistogram(2);
    long second;

    SecondBucket(int levels, long second) {
        this.levelHits = adders(levels);
        this.second = second;
    }

    void reset(long newSecond) {
        for (LongAdder a : outcomes) a.reset();
        for (LongAdder a : levelHits) a.reset();
        tokensSaved.reset();
        costSaved.reset();
        latencySavedMicros.reset();
        latencyMicros.reset();
        second = newSecond;
    }

    private static LongAdder[] adders(int n) {
        var a = new LongAdder[n];
        for (int i = 0; i < n; i++) a[i] = new LongAdder();
        return a;
    }
}
