package dev.cachet.engine.semantic;

import dev.cachet.engine.exec.VirtualThreads;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

/**
 * Where the semantic layer's work after an answer runs (embedding and storing it, comparing it with
 * the cached one, refitting a namespace): one virtual thread per task, counted so that commands and
 * tests can wait until it is all done, and closed with the layer.
 */
final class AfterAnswerWork implements Executor, AutoCloseable {

    private final ExecutorService threads = VirtualThreads.perTask("semantic-after-answer");
    private final Object lock = new Object();
    private int pending;

    @Override
    public void execute(Runnable task) {
        synchronized (lock) {
            pending++;
        }
        try {
            threads.execute(() -> {
                try {
                    task.run();
                } finally {
                    done();
                }
            });
        } catch (RuntimeException e) {
            done();
            throw e;
        }
    }

    /** Waits until no task is pending (new tasks may start meanwhile); false on timeout. */
    boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (lock) {
            while (pending > 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
            return true;
        }
    }

    /** Refuses new work and waits (a few seconds at most) for what runs. */
    @Override
    public void close() {
        threads.shutdown();
        try {
            if (!threads.awaitTermination(5, TimeUnit.SECONDS)) {
                java.util.logging.Logger.getLogger(AfterAnswerWork.class.getName()).warning("semantic work after answers still running at close");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void done() {
        synchronized (lock) {
            pending--;
            lock.notifyAll();
        }
    }
}
