package dev.cachet.engine.semantic;

import java.time.Duration;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * Counts the threads inside calls into a native library so that it is released only when none is:
 * after {@link #closeAndAwait} starts, new calls are refused and it returns once the last call has left.
 * A native call cannot be interrupted, so waiting is the only safe way to stop one.
 */
final class NativeCallGate {

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition idle = lock.newCondition();
    private int inside;
    private boolean closed;

    /** True when the caller may go in and must then call {@link #exit()}; false once closing has begun. */
    boolean enter() {
        return locked(() -> {
            if (closed) return false;
            inside++;
            return true;
        });
    }

    /**
     * Enters even when closing has begun: only for work that a caller already inside hands to another
     * thread, so that close also waits for it (the caller's own entry keeps close from finishing first).
     */
    void enterOnBehalfOfCaller() {
        locked(() -> ++inside);
    }

    void exit() {
        locked(() -> {
            if (--inside == 0) idle.signalAll();
            return inside;
        });
    }

    boolean closing() { return locked(() -> closed); }

    /** Threads inside now (for tests and diagnostics). */
    int inside() { return locked(() -> inside); }

    private <T> T locked(Supplier<T> read) {
        lock.lock();
        try {
            return read.get();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Refuses new calls and waits until none is inside, at most {@code max}; an interrupt does not cut
     * the wait short (it is restored afterwards). True when no call is inside.
     */
    boolean closeAndAwait(Duration max) {
        boolean interrupted = false;
        lock.lock();
        try {
            closed = true;
            long deadline = System.nanoTime() + max.toNanos();
            for (long left = max.toNanos(); inside > 0 && left > 0; left = deadline - System.nanoTime()) {
                try {
                    idle.awaitNanos(left);
                } catch (InterruptedException e) {
                    interrupted = true; // stopping early is what would crash: keep waiting
                }
            }
            return inside == 0;
        } finally {
            lock.unlock();
            if (interrupted) Thread.currentThread().interrupt();
        }
    }
}
