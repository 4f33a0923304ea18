package dev.cachet.engine.exec;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Wakes waiters when something they wait for may have changed. A lock and condition rather than
 * Object.wait, which pins a virtual thread's carrier; the generation means a signal between reading it and
 * waiting is not lost.
 */
final class Wakeups {
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private long generation;

    long generation() {
        lock.lock();
        try {
            return generation;
        } finally {
            lock.unlock();
        }
    }

    /** Waits at most {@code atMost} for a signal after {@code seen}; returns at once if one came already. */
    void await(long seen, Duration atMost) throws InterruptedException {
        long nanos = Math.max(1_000_000, atMost.toNanos());
        lock.lock();
        try {
            while (generation == seen && nanos > 0) nanos = changed.awaitNanos(nanos);
        } finally {
            lock.unlock();
        }
    }

    void signal() {
        lock.lock();
        try {
            generation++;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }
}
